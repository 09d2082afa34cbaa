// Funnel, Sankey, heatmap, pie and scatter charts, with the visual map and zoom they use (see echarts-setup.ts).
import echarts from './echarts-setup.ts';
import { FunnelChart, HeatmapChart, PieChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, VisualMapComponent } from 'echarts/components';

echarts.use([FunnelChart, HeatmapChart, PieChart, SankeyChart, ScatterChart, DataZoomComponent, VisualMapComponent]);

export default echarts;

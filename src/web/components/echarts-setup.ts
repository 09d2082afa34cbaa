// The charts most views draw (line, bar), kept small for the first view: ECharts is tree-shaken through
// echarts/core, and the rarer chart types live in echarts-extra.ts, loaded only by charts that use them.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart,
  DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  CanvasRenderer,
]);

export default echarts;

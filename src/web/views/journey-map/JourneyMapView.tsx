import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function JourneyMapView() {
  return <PageHeader title="JourneyMapView" description="Being built." />;
}

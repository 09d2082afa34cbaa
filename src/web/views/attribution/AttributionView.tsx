import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function AttributionView() {
  return <PageHeader title="AttributionView" description="Being built." />;
}

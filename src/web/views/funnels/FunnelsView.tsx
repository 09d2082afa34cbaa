import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function FunnelsView() {
  return <PageHeader title="FunnelsView" description="Being built." />;
}

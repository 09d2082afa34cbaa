import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function PathsView() {
  return <PageHeader title="PathsView" description="Being built." />;
}

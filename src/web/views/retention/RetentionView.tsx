import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function RetentionView() {
  return <PageHeader title="RetentionView" description="Being built." />;
}

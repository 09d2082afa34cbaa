import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function VocView() {
  return <PageHeader title="VocView" description="Being built." />;
}

import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function CasesView() {
  return <PageHeader title="CasesView" description="Being built." />;
}

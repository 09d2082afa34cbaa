import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function CustomersView() {
  return <PageHeader title="CustomersView" description="Being built." />;
}

import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function AtRiskView() {
  return <PageHeader title="AtRiskView" description="Being built." />;
}

import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function FrictionView() {
  return <PageHeader title="FrictionView" description="Being built." />;
}

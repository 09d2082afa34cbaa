import { PageHeader } from '../../components/ui.tsx';

// Placeholder until this view is built.
export default function SettingsView() {
  return <PageHeader title="SettingsView" description="Being built." />;
}

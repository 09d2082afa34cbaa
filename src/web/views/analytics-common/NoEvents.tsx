import { Link } from 'wouter';
import { EmptyState } from '../../components/ui.tsx';

/** The first thing a new workspace sees in an analysis view: how to get data in. */
export function NoEvents() {
  return (
    <EmptyState title="No events yet">
      <p>This workspace has not received any events. Add the tracking snippet to your site or app
        (<Link href="/settings/sdk">Settings → SDK snippet</Link>), or import past events with <code>touchpoint import</code>;
        this view fills in as they arrive.</p>
    </EmptyState>
  );
}

/** Data exists, but not in the chosen period or for the chosen settings. */
export function NothingInRange({ what, hint }: { what: string; hint?: string }) {
  return (
    <EmptyState title={`No ${what} in this period`}>
      <p>{hint ?? 'Pick a longer period above, or change the settings of this view.'}</p>
    </EmptyState>
  );
}

import { Card, ErrorBox, Loading } from '../../components/ui.tsx';
import { Snippet } from './CopyButton.tsx';
import { useWorkspace } from './workspace-api.ts';

/** Copy-ready ways to send data to this workspace: the browser SDK, curl, and existing Segment/PostHog/RudderStack clients. */
export function SdkTab() {
  const ws = useWorkspace();
  if (ws.error) return <ErrorBox error={ws.error} retry={ws.reload} />;
  if (!ws.data) return <Loading />;
  const key = ws.data.writeKey;
  const host = window.location.origin;
  // The tag and queue as in src/sdk/README.md: calls pushed before the script loads are replayed.
  const script = `<script src="${host}/sdk.js" data-write-key="${key}" data-host="${host}" async></script>
<script>window.touchpoint = window.touchpoint || [];</script>`;
  const usage = `// after login
touchpoint.push(['identify', 'user-123', { email: 'ana@example.com' }]);
// a business event (Segment e-commerce names)
touchpoint.push(['track', 'Product Added', { product_id: 'p-1', price: 19.9 }]);`;
  const curl = `curl -u ${key}: ${host}/v1/track -H 'content-type: application/json' \\
  -d '{"userId":"user-123","event":"Product Viewed","properties":{"sku":"G-100"}}'`;
  const clients = `// Segment (@segment/analytics-node)
const analytics = new Analytics({ writeKey: '${key}', host: '${host}' });

// PostHog (posthog-node or posthog-js)
const posthog = new PostHog('${key}', { host: '${host}' });

// RudderStack (@rudderstack/rudder-sdk-node)
const rudder = new RudderAnalytics('${key}', { dataPlaneUrl: '${host}' });`;
  return (
    <>
      <Card title="Website: the browser SDK">
        <p className="muted">Paste before <code>&lt;/head&gt;</code> on every page. It sends page views, page-load timings and JavaScript errors by itself, and shows surveys due for the visitor.</p>
        <Snippet title="SDK snippet" code={script} />
        <Snippet title="Identify and track" code={usage} />
      </Card>
      <Card title="Any server: one HTTP call">
        <Snippet title="curl example" code={curl} />
      </Card>
      <Card title="Already using Segment, PostHog or RudderStack?">
        <p className="muted">Point the library you already have at Touchpoint: the write key replaces theirs, the host is this server.</p>
        <Snippet title="Client settings" code={clients} />
      </Card>
    </>
  );
}

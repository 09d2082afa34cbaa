import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useApi } from '../../app/use-api.ts';
import { Badge, Card, EmptyState, ErrorBox, Loading, PageHeader, fmt } from '../../components/ui.tsx';
import { displayName, IDENTITY_LABEL, type CustomerSummary } from './customer-model.ts';

/** Find a customer by any identity; without a search, the most recently seen customers. */
export function CustomerSearch() {
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(25);
  // Wait for a pause in typing instead of querying on every key.
  useEffect(() => { const t = setTimeout(() => setSearch(text.trim()), 300); return () => clearTimeout(t); }, [text]);
  const state = useApi<{ customers: CustomerSummary[] }>('/api/v1/customers', { query: { search, limit } });
  const list = state.data?.customers;

  return (
    <>
      <PageHeader title="Customers" description="Customer 360: one person across devices and channels — their journey, feedback and cases." />
      <form className="customer-search" role="search" onSubmit={(e) => { e.preventDefault(); setSearch(text.trim()); }}>
        <label className="field">Search by user id, e-mail, phone or anonymous id
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. ana@example.com" autoComplete="off" />
        </label>
        <button type="submit" className="btn primary">Search</button>
      </form>
      <Card title={search ? `Customers matching “${search}”` : 'Recently seen customers'}>
        {state.error && <ErrorBox error={state.error} retry={state.reload} />}
        {!list && !state.error && <Loading />}
        {list && list.length === 0 && (search
          ? <EmptyState title="No customer matches">Try part of an e-mail or user id. Identities come from `identify` calls and traits (e-mail, phone).</EmptyState>
          : <EmptyState title="No customers yet">Customers appear as soon as events arrive: add the SDK snippet from Settings → SDK to your site, or send a `track` call.</EmptyState>)}
        {list && list.length > 0 && (
          <div className="table-wrap">
            <table className="customer-table">
              <thead><tr><th>Customer</th><th>Identities</th><th>Stage</th><th>Persona</th><th>Last seen</th><th className="num">Events</th></tr></thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id} className="clickable" onClick={() => navigate(`/customers/${encodeURIComponent(c.id)}`)}>
                    <td><a href={`/customers/${encodeURIComponent(c.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${encodeURIComponent(c.id)}`); }}>{displayName(c.identities, c.id)}</a></td>
                    <td className="small">{c.identities.slice(0, 3).map((i) => <div key={`${i.type}:${i.value}`} className="ident"><span className="muted">{IDENTITY_LABEL[i.type] ?? i.type}:</span> {i.value}</div>)}
                      {c.identities.length > 3 && <div className="muted">+{c.identities.length - 3} more</div>}</td>
                    <td>{c.stage ? <Badge tone="info">{c.stage.name}</Badge> : <span className="muted">–</span>}</td>
                    <td>{c.persona ?? <span className="muted">–</span>}</td>
                    <td className="small">{fmt.dateTime(c.lastSeen)}</td>
                    <td className="num">{fmt.int(c.eventCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list && list.length >= limit && limit < 100 && (
          <p><button type="button" className="btn" disabled={state.loading} onClick={() => setLimit(100)}>Show more</button></p>
        )}
      </Card>
    </>
  );
}

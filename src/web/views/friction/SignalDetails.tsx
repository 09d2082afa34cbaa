import { fmt } from '../../components/ui.tsx';
import type { Counted, Signal } from './types.ts';

function CountList({ title, rows }: { title: string; rows: Counted[] }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <table className="compact">
        <thead><tr><th scope="col">Value</th><th scope="col" className="num">Times</th><th scope="col" className="num">Customers</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.value}><td className="wrap">{r.value}</td><td className="num">{fmt.int(r.occurrences)}</td><td className="num">{fmt.int(r.customers)}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

/** What lies behind one signal: where it happened and its details (slow paths, error messages, reasons…). */
export function SignalDetails({ signal }: { signal: Signal }) {
  const d = signal.topDetails;
  return (
    <div className="grid cols-2 signal-details">
      <div>
        {d.kind === 'slow_page' && (
          <>
            <h3>Slowest pages <span className="muted small">(a load over 2 s is slow)</span></h3>
            <div className="table-wrap"><table className="compact">
              <thead><tr><th scope="col">Path</th><th scope="col" className="num">Loads</th><th scope="col" className="num">Slow</th><th scope="col" className="num">Median</th><th scope="col" className="num">90th pct.</th></tr></thead>
              <tbody>{d.paths.map((p) => <tr key={p.path}><td className="wrap"><PathText path={p.path} /></td><td className="num">{fmt.int(p.loads)}</td><td className="num">{fmt.int(p.slow)} ({fmt.pct(p.slowShare, 0)})</td><td className="num">{fmt.num((p.p50Ms ?? NaN) / 1000)} s</td><td className="num">{fmt.num((p.p90Ms ?? NaN) / 1000)} s</td></tr>)}</tbody>
            </table></div>
          </>
        )}
        {d.kind === 'js_error' && <><CountList title="Messages" rows={d.messages} /><CountList title="Pages" rows={d.paths} /></>}
        {d.kind === 'payment_failed' && <CountList title="Reasons" rows={d.reasons} />}
        {d.kind === 'return' && <><p>{fmt.int(d.returns)} returns, {fmt.int(d.exchanges)} exchanges.</p><CountList title="Reasons" rows={d.reasons} /></>}
        {d.kind === 'slow_checkout' && <p>{fmt.int(d.slow)} of {fmt.int(d.checkouts)} checkouts were slow; median checkout {fmt.duration(d.p50Seconds)}, 90th percentile {fmt.duration(d.p90Seconds)}.</p>}
        {d.kind === 'cart_abandonment' && <p>{fmt.int(d.abandoned)} of {fmt.int(d.carts)} carts abandoned ({fmt.pct(d.rate, 0)}); {fmt.int(d.recovered)} of those customers bought later.</p>}
        {d.kind === 'late_delivery' && <p>{fmt.int(d.late)} of {fmt.int(d.deliveries)} deliveries late ({fmt.pct(d.lateRate, 0)}); median {fmt.num(d.p50HoursLate)} h late, 90th percentile {fmt.num(d.p90HoursLate)} h.</p>}
      </div>
      <div>
        <h3>Where in the journey</h3>
        {signal.byTouchpoint?.length ? (
          <table className="compact">
            <thead><tr><th scope="col">Touchpoint</th><th scope="col" className="num">Times</th><th scope="col" className="num">Customers</th></tr></thead>
            <tbody>{signal.byTouchpoint.map((t) => <tr key={t.touchpointId}><td>{t.name}</td><td className="num">{fmt.int(t.occurrences)}</td><td className="num">{fmt.int(t.customers)}</td></tr>)}</tbody>
          </table>
        ) : <p className="muted">No journey touchpoint covers these events.</p>}
      </div>
    </div>
  );
}

/** A URL path that breaks after its slashes on a narrow screen ("/checkout/" "delivery"), not mid-word. */
function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=\/)/);
  return <>{parts.map((part, i) => <span key={i}>{part}{i < parts.length - 1 && <wbr />}</span>)}</>;
}

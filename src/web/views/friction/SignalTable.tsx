import { fmt } from '../../components/ui.tsx';
import type { Signal } from './types.ts';

const OUTCOME = { purchase: 'bought', repeat_purchase: 'bought again' };

/**
 * A lower rate with the friction is the warning sign (red). A higher one is not good news: busier
 * customers meet more slow pages and errors, so it stays neutral rather than green.
 */
function Lift({ lift }: { lift: number }) {
  const text = `${lift > 0 ? '+' : ''}${(lift * 100).toFixed(0)} pts`;
  return lift < 0 ? <span className="lift-bad">{text}</span> : <span className="lift-neutral">{text}</span>;
}

/** One row per friction signal: how many met it, and how those customers converted compared with the rest. */
export function SignalTable({ signals, active, selected, onSelect }: { signals: Signal[]; active: number; selected: string; onSelect(signal: string): void }) {
  return (
    <div className="table-wrap">
      <table className="signal-table">
        <caption className="sr-only">Friction signals</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th><th scope="col" className="num">Occurrences</th><th scope="col" className="num">Customers affected</th>
            <th scope="col" className="num">Converted with it</th><th scope="col" className="num">Without it</th><th scope="col" className="num">Difference</th>
          </tr>
        </thead>
        <tbody>
          {signals.map((s) => {
            const c = s.conversion;
            return (
              <tr key={s.signal} className={s.signal === selected ? 'selected' : ''}>
                <th scope="row">
                  <button type="button" className="link-button" aria-pressed={s.signal === selected} onClick={() => onSelect(s.signal)}>{s.label}</button>
                </th>
                <td className="num">{fmt.int(s.occurrences)}</td>
                <td className="num">{fmt.int(s.customers)} <span className="muted small">({fmt.pct(s.customers / Math.max(1, active), 0)})</span></td>
                {c ? (
                  <>
                    <td className="num" title={`${c.withFriction.converted} of ${c.withFriction.n} ${OUTCOME[c.outcome]} within ${c.window}`}>{fmt.pct(c.withFriction.rate, 0)} <span className="muted small">{OUTCOME[c.outcome]}</span></td>
                    <td className="num" title={`${c.withoutFriction.converted} of ${c.withoutFriction.n}`}>{fmt.pct(c.withoutFriction.rate, 0)}</td>
                    <td className="num">{c.lift === null ? '–' : <Lift lift={c.lift} />}</td>
                  </>
                ) : <td className="num muted" colSpan={3}>not buying is the signal itself</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { fmt } from '../../components/ui.tsx';
import { MODEL_LABELS, type AttributionResult } from './types.ts';

// A small share reads "0.5 %", not "0 %"; whole credits (first and last touch) without a ".0".
const share = (r: number) => fmt.pct(r, r > 0 && r < 0.01 ? 1 : 0);
const credited = (n: number) => (Number.isInteger(n) ? fmt.int(n) : fmt.num(n));

/** Share of conversions (and the credited number) per channel and model; the spread shows how much the model matters. */
export function AttributionTable({ result, keys, names }: { result: AttributionResult; keys: string[]; names: (k: string) => string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Conversions credited per {result.dimension} and model</caption>
        <thead>
          <tr>
            <th scope="col">{result.dimension.charAt(0).toUpperCase() + result.dimension.slice(1)}</th>
            {result.models.map((m) => <th key={m.model} scope="col" className="num">{MODEL_LABELS[m.model]}</th>)}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row">{names(k)}</th>
              {result.models.map((m) => {
                const c = m.channels.find((x) => x.channel === k);
                return <td key={m.model} className="num">{c ? <>{share(c.share)} <span className="muted small">({credited(c.conversions)})</span></> : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

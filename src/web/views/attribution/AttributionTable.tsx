import { fmt } from '../../components/ui.tsx';
import { MODEL_LABELS, type AttributionResult } from './types.ts';

/** Share of conversions (and the credited number) per channel and model; the spread shows how much the model matters. */
export function AttributionTable({ result, keys, names }: { result: AttributionResult; keys: string[]; names: (k: string) => string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Conversions credited per {result.dimension} and model</caption>
        <thead>
          <tr>
            <th scope="col">{result.dimension}</th>
            {result.models.map((m) => <th key={m.model} scope="col" className="num">{MODEL_LABELS[m.model]}</th>)}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row">{names(k)}</th>
              {result.models.map((m) => {
                const c = m.channels.find((x) => x.channel === k);
                return <td key={m.model} className="num">{c ? <>{fmt.pct(c.share, 0)} <span className="muted small">({fmt.num(c.conversions)})</span></> : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useState } from 'react';
import type { PersonaDef } from '../types.ts';
import { GroupError, TextField } from './fields.tsx';

/** Personas: name, id and the rule (JSON: trait conditions, event counts, all/any/not). */
export function PersonasEditor({ personas, onChange, newId }: { personas: PersonaDef[]; onChange(p: PersonaDef[]): void; newId(name: string): string }) {
  return (
    <section className="card" aria-label="Personas">
      <div className="card-head"><h2>Personas</h2>
        <button type="button" className="btn small" onClick={() => onChange([...personas, { id: newId('New persona'), name: 'New persona', rule: { property: 'traits.plan', op: 'eq', value: 'pro' } }])}>Add persona</button>
      </div>
      <p className="muted small">A customer's persona is the first whose rule holds. Rules: <code>{'{"property":"traits.x","op":"eq","value":…}'}</code>,
        {' '}<code>{'{"event":"Order Completed","minCount":2}'}</code>, combined with <code>all</code>, <code>any</code>, <code>not</code>.</p>
      {personas.length === 0 && <p className="muted small">No personas: the map shows all customers.</p>}
      {personas.map((p, i) => (
        <PersonaRow key={i} persona={p} index={i} onChange={(next) => onChange(personas.map((x, k) => (k === i ? next : x)))}
          onRemove={() => onChange(personas.filter((_, k) => k !== i))} />
      ))}
    </section>
  );
}

function PersonaRow({ persona, index, onChange, onRemove }: { persona: PersonaDef; index: number; onChange(p: PersonaDef): void; onRemove(): void }) {
  const path = `personas[${index}]`;
  const [text, setText] = useState(() => JSON.stringify(persona.rule));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <fieldset className="jm-tp-edit">
      <legend>{persona.name}</legend>
      <div className="form-row">
        <TextField label="Persona name" path={`${path}.name`} value={persona.name} onChange={(name) => onChange({ ...persona, name })} />
        <TextField label="Persona id" path={`${path}.id`} value={persona.id} onChange={(id) => onChange({ ...persona, id })} className="narrow" />
        <label className="field wide"><span>Rule (JSON)</span>
          <input value={text} aria-invalid={parseError ? true : undefined} onChange={(e) => {
            setText(e.target.value);
            try { onChange({ ...persona, rule: JSON.parse(e.target.value) }); setParseError(null); } catch { setParseError('not valid JSON yet'); }
          }} />
          {parseError && <span className="field-error">{parseError}</span>}
        </label>
        <button type="button" className="btn small danger" onClick={onRemove}>Remove persona<span className="sr-only"> {persona.name}</span></button>
      </div>
      <GroupError path={`${path}.rule`} />
      <GroupError path={path} />
    </fieldset>
  );
}

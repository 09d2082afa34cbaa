import { createContext, useContext, useId, type ReactNode } from 'react';

/** Validation errors by field path (`stages[1].touchpoints[0].match.where[0].op`), as the API reports them. */
export const ErrorsContext = createContext<Map<string, string[]>>(new Map());

function useFieldError(path: string): string | undefined {
  const errors = useContext(ErrorsContext);
  return errors.get(path)?.join('; ');
}

interface Base { label: string; path: string; className?: string }

export function TextField({ label, path, value, onChange, className, placeholder }: Base & { value: string; onChange(v: string): void; placeholder?: string }) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <label className={`field ${className ?? ''}`}>
      <span>{label}</span>
      <input value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-e` : undefined} />
      {error && <span id={`${id}-e`} className="field-error" role="alert">{error}</span>}
    </label>
  );
}

export function SelectField({ label, path, value, onChange, className, children }: Base & { value: string; onChange(v: string): void; children: ReactNode }) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <label className={`field ${className ?? ''}`}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-e` : undefined}>{children}</select>
      {error && <span id={`${id}-e`} className="field-error" role="alert">{error}</span>}
    </label>
  );
}

/** Errors reported on an object as a whole (e.g. "a stage needs at least one touchpoint"). */
export function GroupError({ path }: { path: string }) {
  const error = useFieldError(path);
  return error ? <p className="field-error" role="alert">{error}</p> : null;
}

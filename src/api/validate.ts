import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** Parses input with a zod schema, or throws a 400 whose details point at each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what = 'body'): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ApiError('validation_failed', `Invalid ${what}.`, r.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '['),
    message: i.message,
  })));
}

export const parseQuery = <T extends z.ZodType>(schema: T, input: unknown) => parseWith(schema, input, 'query string');

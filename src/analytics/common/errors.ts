/**
 * A request that passed its schema but cannot be answered as asked (a touchpoint anchor without a
 * journey, …). `path` points at the field, so the API boundary can map it to `validation_failed`.
 */
export class AnalyticsInputError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'AnalyticsInputError';
  }
}

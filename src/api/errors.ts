/**
 * One error shape for the whole API: `{ error, code, details }` with a stable `code` from this
 * catalogue (Fastify's error-code catalogue style), mapped to an HTTP status in one place.
 */
export const ERROR_CODES = {
  invalid_json: 400,
  invalid_encoding: 400,
  invalid_body: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  store_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Where in the input: `batch[3].timestamp`, `properties.total`… */
  path?: string;
  message: string;
  /** Index of the message in a batch, when the error is about one message. */
  index?: number;
  messageId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly details: ErrorDetail[] = []) {
    super(message);
    this.status = ERROR_CODES[code];
  }

  toJSON() {
    return { error: this.message, code: this.code, details: this.details };
  }
}

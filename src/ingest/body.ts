import { isAscii, isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';
import { ApiError } from '../api/errors.ts';

/** Segment's documented request limit; applied to the decoded JSON so gzip cannot smuggle more. */
export const MAX_BODY_BYTES = 500 * 1024;

/**
 * Turns a raw request body into JSON, accepting what real clients send: plain or `text/plain` JSON
 * (the browser SDK avoids CORS preflights), gzip (posthog-node; RudderStack labels its gzip
 * `application/x-www-form-urlencoded`), and PostHog's legacy `data=<base64 json>` form.
 */
export function decodeJsonBody(body: Buffer | undefined, headers: Record<string, string | string[] | undefined>, maxBytes = MAX_BODY_BYTES): unknown {
  if (!body || body.length === 0) throw new ApiError('invalid_body', 'Request body is empty; send a JSON object.');
  let bytes = body;
  const encoding = String(headers['content-encoding'] ?? '').toLowerCase();
  const gzipMagic = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    if (gzipMagic || encoding === 'gzip') bytes = gunzipSync(bytes, { maxOutputLength: maxBytes + 1 });
    else if (encoding === 'deflate') bytes = inflateSync(bytes, { maxOutputLength: maxBytes + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') tooLarge(maxBytes);
    throw new ApiError('invalid_encoding', `Body could not be decompressed: ${(err as Error).message}`);
  }
  if (bytes.length > maxBytes) tooLarge(maxBytes);
  // Most bodies are ASCII (JSON escapes the rest): read as latin1, a fifth of the cost of a UTF-8
  // decode. Otherwise validating first (isUtf8) and then decoding without checks costs 1.4 µs per
  // event of a 500-event batch, against 3.3 µs for a strict TextDecoder (which also drops a BOM).
  let text: string;
  if (isAscii(bytes)) text = bytes.toString('latin1');
  else if (isUtf8(bytes)) {
    text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else throw new ApiError('invalid_encoding', 'Body is not valid UTF-8.');
  text = formPayload(text);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError('invalid_json', 'Body is not valid JSON.', [{ message: (err as Error).message }]);
  }
}

function tooLarge(maxBytes: number): never {
  throw new ApiError('payload_too_large', `Body exceeds ${Math.round(maxBytes / 1024)} KB; send smaller batches.`);
}

/** PostHog's older browser clients post `data=<base64 or urlencoded JSON>`. */
function formPayload(text: string): string {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('data=')) return text;
  const params = new URLSearchParams(trimmed);
  const data = params.get('data') ?? '';
  if (data.trimStart().startsWith('{') || data.trimStart().startsWith('[')) return data;
  try {
    return Buffer.from(data, 'base64').toString('utf8');
  } catch {
    return data;
  }
}

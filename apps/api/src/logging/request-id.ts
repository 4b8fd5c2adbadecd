import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What a proxy or client may hand us as a request id: 8 to 128 letters, digits, `.`, `_`, `:` or `-`
 * (UUIDs, nginx's $request_id, trace ids). Anything else (too long, spaces, `@`, control
 * characters) could forge log lines or smuggle personal data into them, so it is replaced.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}

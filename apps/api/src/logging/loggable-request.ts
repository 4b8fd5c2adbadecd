/** Longest path we write: an OCSP GET carries a whole base64 request. */
const MAX_PATH_LENGTH = 256;

/**
 * The only parts of a request a log line keeps: its method and its path without the query string.
 * Query strings carry personal data (GET /v1/admin/subscriptions?q= searches by name or email)
 * and links may carry tokens (`?token=`), so none is ever written; headers (Authorization,
 * Cookie) and bodies are not written either.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split(/[?#]/, 1)[0] ?? '';
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}…` : path;
}

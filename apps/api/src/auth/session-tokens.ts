import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionToken {
  /** Given once to the client; never stored, never logged. */
  token: string;
  /** What the database keeps (SHA-256, hex). */
  tokenHash: string;
}

export function newSessionToken(): SessionToken {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sessionTokenHash(token) };
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The bearer token of an `Authorization: Bearer …` header (RFC 6750), if well formed. */
export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match && TOKEN_PATTERN.test(match[1]) ? match[1] : undefined;
}

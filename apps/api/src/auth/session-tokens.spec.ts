import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { bearerToken, newSessionToken, sessionTokenHash } from './session-tokens.js';

describe('session tokens', () => {
  it('are 32 random bytes in base64url; the stored form is their SHA-256', () => {
    const { token, tokenHash } = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(sessionTokenHash(token)).toBe(tokenHash);
    expect(newSessionToken().token).not.toBe(token);
  });

  it('are read from a well-formed Bearer header only', () => {
    const { token } = newSessionToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token}`)).toBe(token);
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(`Basic ${token}`)).toBeUndefined();
    expect(bearerToken('Bearer short')).toBeUndefined();
    expect(bearerToken(`Bearer ${token} extra`)).toBeUndefined();
    expect(bearerToken([`Bearer ${token}`])).toBeUndefined();
  });
});

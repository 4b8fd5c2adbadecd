import { describe, expect, it } from '@jest/globals';
import { loggablePath } from './loggable-request.js';
import { acceptRequestId } from './request-id.js';

describe('acceptRequestId', () => {
  it('keeps a well-formed incoming id', () => {
    for (const id of ['3f1c2b7e-9a41-4d2c-8e0f-2a6b5c4d3e21', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'trace:span.01_x-y']) expect(acceptRequestId(id)).toBe(id);
  });

  it('replaces a missing, repeated, short, long or odd one with a fresh UUID', () => {
    for (const id of [undefined, ['aaaaaaaa', 'bbbbbbbb'], 'short', 'x'.repeat(129), 'has space here', 'mail@example.fr', 'line\nbreak-x']) {
      expect(acceptRequestId(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('loggablePath', () => {
  it('drops query strings and fragments, and shortens very long paths', () => {
    expect(loggablePath('/v1/admin/subscriptions?q=Dupont')).toBe('/v1/admin/subscriptions');
    expect(loggablePath('/portail/confirmation?token=abc#x')).toBe('/portail/confirmation');
    expect(loggablePath(`/pki/ocsp/${'A'.repeat(400)}`)).toHaveLength(257);
    expect(loggablePath(undefined)).toBe('');
  });
});

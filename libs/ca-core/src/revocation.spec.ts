import { describe, expect, it } from '@jest/globals';
import { InvalidRevocationError } from './errors.js';
import { revoke } from './revocation.js';

describe('revoke', () => {
  const now = new Date('2030-05-05T10:20:30.456Z');

  it('returns the record to persist, with the RFC 5280 code', () => {
    expect(revoke({ issuer: 'IDF', serial: '4a:bc', reason: 'affiliationChanged', invalidityDate: '2030-05-01T00:00:00Z', now })).toEqual({
      issuer: 'IDF',
      serial: '4ABC',
      reason: 'affiliationChanged',
      reasonCode: 3,
      revokedAt: '2030-05-05T10:20:30.000Z',
      invalidityDate: '2030-05-01T00:00:00.000Z',
    });
  });

  it('refuses an unknown reason (no suspension: certificateHold is not a reason here) and a future invalidity date', () => {
    expect(() => revoke({ issuer: 'IDF', serial: '01', reason: 'certificateHold' as never, now })).toThrow(InvalidRevocationError);
    expect(() => revoke({ issuer: 'IDF', serial: '01', reason: 'keyCompromise', invalidityDate: '2031-01-01', now })).toThrow(
      /in the future/,
    );
  });
});

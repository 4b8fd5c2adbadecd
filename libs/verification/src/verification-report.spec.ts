import { describe, expect, it } from '@jest/globals';
import { buildReport } from './verification-report.js';

const signer = {
  subject: 'CN=Éloïse Martin-Dupré',
  serial: '4A01',
  issuer: 'CN=SIGNEXPERT BRE',
  policies: ['2.999.3386.1.1'],
  profile: 'signature' as const,
};

describe('buildReport', () => {
  it('is valid with no reason', () => {
    const report = buildReport({ invalid: [], indeterminate: [], signer, revocation: { status: 'good', source: 'crl' } });
    expect(report.verdict).toBe('valid');
    expect(report.reasons).toEqual([]);
    expect(report.toText()).toBe(
      [
        'Verdict: VALID',
        'Signer: CN=Éloïse Martin-Dupré',
        'Certificate serial: 4A01',
        'Issued by: CN=SIGNEXPERT BRE',
        'Certificate profile: signature',
        'Certificate policies: 2.999.3386.1.1',
        'Revocation (CRL): good',
        '',
      ].join('\n'),
    );
  });

  it('is invalid over indeterminate, and keeps every reason, invalid ones first', () => {
    const report = buildReport({ invalid: ['altered'], indeterminate: ['no CRL'], signer });
    expect(report.verdict).toBe('invalid');
    expect(report.reasons).toEqual(['altered', 'no CRL']);
    expect(report.toText()).toContain('Reasons:\n  - altered\n  - no CRL\n');
  });

  it('is indeterminate when information is only missing', () => {
    expect(buildReport({ invalid: [], indeterminate: ['no CRL'] }).verdict).toBe('indeterminate');
  });

  it('shows the revocation date and reason', () => {
    const revokedAt = new Date('2026-11-29T08:00:00Z');
    const report = buildReport({ invalid: ['revoked'], indeterminate: [], revocation: { status: 'revoked', revokedAt, reason: 'keyCompromise', source: 'ocsp' } });
    expect(report.toText()).toContain('Revocation (OCSP): revoked (on 2026-11-29T08:00:00.000Z, reason keyCompromise)');
  });
});

import { describe, expect, it } from '@jest/globals';
import { activationLetterFileName, writeActivationLetter } from './activation-letter.js';

const request = {
  spoolDirectory: '/nonexistent/spool-never-written',
  subscriptionCycleId: 'cycle-1',
  holder: { givenName: 'Élodie', surname: 'Martin', postalAddress: ['12 rue de la Paix', '75002 Paris'] },
  region: 'IDF' as const,
  tokenReference: 'SN-0042',
  issuedAt: '2026-05-01T08:00:00Z',
};

describe('activation letter naming and checks', () => {
  it('names one file per subscription cycle', () => {
    expect(activationLetterFileName('subscription-7f3e.2')).toBe('activation-letter-subscription-7f3e.2.pdf');
  });

  it.each(['../etc/passwd', '.hidden', 'a/b', '', 'x'.repeat(129)])('refuses a cycle id that could leave the spool: %j', (id) => {
    expect(() => activationLetterFileName(id)).toThrow(/cannot name a spool file/);
  });

  it.each(['123', 'with space 1234', 'é1234567'])('refuses an activation code that the letter could not print, without quoting it', async (code) => {
    const failure = writeActivationLetter(request, code, { log: () => undefined });
    await expect(failure).rejects.toThrow('activation code must be 4 to 64 printable ASCII characters');
    await expect(failure).rejects.not.toThrow(code);
  });
});

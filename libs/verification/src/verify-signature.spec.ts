import { describe, expect, it } from '@jest/globals';
import { verifySignature } from './verify-signature.js';

describe('verifySignature on input that is not a signature', () => {
  it('says invalid, and why, rather than throwing', async () => {
    const report = await verifySignature({ signature: Buffer.from('not a CMS structure'), trustAnchors: [] });
    expect(report.verdict).toBe('invalid');
    expect(report.reasons).toEqual([expect.stringContaining('not a CMS SignedData structure')]);
    expect(report.signer).toBeUndefined();
  });
});

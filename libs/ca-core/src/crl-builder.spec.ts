import { describe, expect, it } from '@jest/globals';
import * as asn1js from 'asn1js';
import { specPki } from '../spec-support/fixtures.js';
import { MemoryCaStorage } from './ca-storage.js';
import { allocateCrlNumber } from './crl-numbers.js';
import { signCrl } from './crl-builder.js';
import { findRevokedEntry, readCrl, verifyCrlSignature } from './crl-scan.js';
import { CrlError } from './errors.js';
import { generateSerialNumber } from './serial-numbers.js';

const thisUpdate = new Date('2030-03-01T08:00:00Z');

describe('CRL builder', () => {
  it('writes reason codes except for unspecified, invalidity dates, and a verifiable signature', async () => {
    const { hierarchy, config } = await specPki();
    const ca = hierarchy.issuing.get('MAR')!.ca;
    const [a, b, c] = [generateSerialNumber(), generateSerialNumber(), '00FF'];
    const crl = await signCrl(
      ca,
      {
        crlNumber: 5,
        thisUpdate,
        entries: [
          { serial: a, revokedAt: '2030-02-01T00:00:00Z', reason: 'keyCompromise', invalidityDate: '2030-01-30T00:00:00Z' },
          { serial: b, revokedAt: '2030-02-02T00:00:00Z', reason: 'unspecified' },
          { serial: c, revokedAt: '2030-02-03T00:00:00Z', reason: 'privilegeWithdrawn' },
        ],
      },
      config,
    );
    expect(crl).toMatchObject({ crlNumber: '5', entryCount: 3, nextUpdate: '2030-03-02T08:00:00.000Z' });
    expect(readCrl(crl.der)).toMatchObject({ crlNumber: 5n, entryCount: 3, thisUpdate });
    expect(findRevokedEntry(crl.der, a)).toEqual({
      serial: a,
      revokedAt: new Date('2030-02-01T00:00:00Z'),
      reasonCode: 1,
      invalidityDate: new Date('2030-01-30T00:00:00Z'),
    });
    expect(findRevokedEntry(crl.der, b)).toEqual({ serial: b, revokedAt: new Date('2030-02-02T00:00:00Z') });
    expect(findRevokedEntry(crl.der, 'ff')).toMatchObject({ serial: 'FF', reasonCode: 9 });
    expect(verifyCrlSignature(crl.der, ca.key.publicKey)).toBe(true);
    expect(verifyCrlSignature(crl.der, hierarchy.root.key.publicKey)).toBe(false);
  });

  it('refuses non-increasing numbers, long validity, and duplicate serials', async () => {
    const { hierarchy, config } = await specPki();
    const ca = hierarchy.issuing.get('MAR')!.ca;
    const serial = generateSerialNumber();
    await expect(signCrl(ca, { crlNumber: 3, previousCrlNumber: 3, thisUpdate, entries: [] }, config)).rejects.toBeInstanceOf(CrlError);
    await expect(
      signCrl(ca, { crlNumber: 4, thisUpdate, nextUpdate: new Date(thisUpdate.getTime() + 25 * 3_600_000), entries: [] }, config),
    ).rejects.toThrow(/more than 24 h/);
    await expect(
      signCrl(ca, { crlNumber: 4, thisUpdate, entries: [{ serial, revokedAt: thisUpdate }, { serial, revokedAt: thisUpdate }] }, config),
    ).rejects.toThrow(/listed twice/);
  });

  it('allocates strictly increasing CRL numbers, persisted', async () => {
    const storage = new MemoryCaStorage();
    const numbers = await Promise.all([1, 2, 3].map(() => allocateCrlNumber(storage, 'MAR')));
    expect(numbers).toEqual([1n, 2n, 3n]);
    expect((await storage.read('crl-numbers/MAR'))!.toString().trim()).toBe('3');
    expect(await allocateCrlNumber(storage, 'root')).toBe(1n);
  });

  it('builds CRLs that asn1js parses once its 10,000-node default is raised', async () => {
    const { hierarchy, config } = await specPki();
    const entries = Array.from({ length: 5000 }, () => ({ serial: generateSerialNumber(), revokedAt: thisUpdate, reason: 'superseded' as const }));
    const crl = await signCrl(hierarchy.issuing.get('MAR')!.ca, { crlNumber: 1, thisUpdate, entries }, config);
    expect(asn1js.fromBER(crl.der).offset).toBe(-1);
    const parsed = asn1js.fromBER(crl.der, { maxNodes: 100_000 });
    expect(parsed.offset).toBe(crl.der.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REVOCATION_REASONS } from '#libs/domain';
import { type CrlEntry, type SignedCrl, findRevokedEntry, generateSerialNumber, readCrl, signCrl } from '#libs/ca-core';
import { openssl } from './support/openssl.js';
import { writeCertificate, writeCrl } from './support/files.js';
import { type PkiFixture, createPkiFixture } from './support/pki-fixture.js';

const ENTRIES = 100_000;

/**
 * A 100,000-entry CRL, built with the direct DER writer and signed on SoftHSM, checked by OpenSSL.
 * (asn1js needs ~35 s for this size even with raised limits; crl-builder.spec.ts parses a
 * 5,000-entry one with it.)
 */
describe('a 100,000-entry CRL', () => {
  let pki: PkiFixture;
  let entries: CrlEntry[];
  let crl: SignedCrl;

  beforeAll(async () => {
    pki = await createPkiFixture('pkcs11', { regions: ['IDF'] });
    const now = Date.now();
    entries = Array.from({ length: ENTRIES }, (_, i) => ({
      serial: generateSerialNumber(),
      revokedAt: new Date(now - (i % 5000) * 60_000),
      reason: REVOCATION_REASONS[i % REVOCATION_REASONS.length],
      ...(i % 3 === 0 ? { invalidityDate: new Date(now - 86_400_000) } : {}),
    }));
    const started = performance.now();
    crl = await signCrl(pki.hierarchy.issuing.get('IDF')!.ca, { crlNumber: 7, thisUpdate: new Date(now), entries }, pki.config);
    // Figures belong to the benchmark; printed here for the record only.
    console.info(`100,000-entry CRL built and signed in ${(performance.now() - started).toFixed(0)} ms (${crl.der.length} bytes)`);
    await writeCertificate(pki.directory, 'idf.pem', pki.hierarchy.issuing.get('IDF')!.ca);
    await writeCrl(pki.directory, 'big.crl.pem', crl.der);
  }, 120_000);

  afterAll(async () => pki?.close());

  it('is verified by openssl crl and lists every entry', async () => {
    const verified = await openssl(['crl', '-in', 'big.crl.pem', '-CAfile', 'idf.pem', '-noout'], pki.directory);
    expect(verified.output).toContain('verify OK');
    const text = await openssl(['crl', '-in', 'big.crl.pem', '-noout', '-text'], pki.directory);
    expect(text.stdout.match(/Serial Number: /g)).toHaveLength(ENTRIES);
    expect(text.stdout).toContain(`Serial Number: ${entries[ENTRIES - 1].serial}`);
  });

  it('is scanned for a serial without building objects', () => {
    expect(readCrl(crl.der)).toMatchObject({ entryCount: ENTRIES, crlNumber: 7n });
    const last = entries[ENTRIES - 1];
    expect(findRevokedEntry(crl.der, last.serial)).toMatchObject({ serial: last.serial });
    const keyCompromise = entries.findIndex((entry) => entry.reason === 'keyCompromise' && entry.invalidityDate);
    expect(findRevokedEntry(crl.der, entries[keyCompromise].serial)).toMatchObject({ reasonCode: 1 });
    expect(findRevokedEntry(crl.der, generateSerialNumber())).toBeUndefined();
  });
});

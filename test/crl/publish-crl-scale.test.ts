import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findRevokedEntry, readCrl } from '#libs/ca-core';
import { type CrlFixture, createCrlFixture, insertCertificate, insertRevokedInBulk, opensslReadCrl, readPublished } from './support/crl-fixture.js';

/**
 * publishCrl with 10,000 then 100,000 revoked certificates in the region: one query of four
 * columns, the direct DER writer, one row of ~5.6 MB. Timings are printed for the record only.
 */
describe('publishCrl at scale (real PostgreSQL)', () => {
  let fixture: CrlFixture;

  beforeAll(async () => {
    fixture = await createCrlFixture();
  }, 60_000);
  afterAll(async () => fixture?.close());

  it('publishes 10,000 and then 100,000 entries, verified by openssl', async () => {
    const publish = fixture.activities();
    const figures: string[] = [];
    for (const [total, crlNumber] of [
      [10_000, '1'],
      [100_000, '2'],
    ] as const) {
      const existing = Number(((await fixture.dataSource.query("SELECT count(*)::int AS n FROM certificates WHERE region = 'IDF'")) as { n: number }[])[0].n);
      await insertRevokedInBulk(fixture.dataSource, 'IDF', total - existing - 1);
      const marker = await insertCertificate(fixture.dataSource, { region: 'IDF', revokedAt: new Date(), reason: 'keyCompromise' });
      await fixture.dataSource.query('ANALYZE certificates');
      const started = performance.now();
      const result = await publish.publishCrl({ region: 'IDF' });
      const elapsed = performance.now() - started;
      const file = await readPublished(fixture.publicationDir, 'IDF');
      figures.push(`${total} entries: publishCrl ${elapsed.toFixed(0)} ms, ${file.length} bytes`);
      expect(result).toMatchObject({ crlNumber, entries: total });
      expect(readCrl(file)).toMatchObject({ crlNumber: BigInt(crlNumber), entryCount: total });
      expect(findRevokedEntry(file, marker.serial)).toMatchObject({ reasonCode: 1 });
      if (total === 100_000) {
        const read = await opensslReadCrl(file, fixture.pki, 'IDF');
        expect(read.verified).toBe(true);
        expect(read.entries).toHaveLength(total);
      }
    }
    console.info(`CRL publication at scale: ${figures.join('; ')}`);
  }, 180_000);
});

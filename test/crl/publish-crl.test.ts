import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { AuditLog } from '#libs/audit';
import { findRevokedEntry, readCrl } from '#libs/ca-core';
import type { RegionCode } from '#libs/domain';
import { createCrlActivities } from '../../activities/crl.activities.js';
import { type CrlFixture, type TestCertificate, createCrlFixture, insertCertificate, opensslReadCrl, readPublished } from './support/crl-fixture.js';

/** OpenSSL's names of the RFC 5280 reason codes we use. */
const OPENSSL_REASON: Record<string, string> = {
  keyCompromise: 'Key Compromise',
  affiliationChanged: 'Affiliation Changed',
  superseded: 'Superseded',
  cessationOfOperation: 'Cessation Of Operation',
  privilegeWithdrawn: 'Privilege Withdrawn',
};

describe('publishCrl (real PostgreSQL, openssl)', () => {
  let fixture: CrlFixture;
  const revoked: Record<RegionCode, TestCertificate[]> = {} as Record<RegionCode, TestCertificate[]>;

  const crlOf = async (region: RegionCode, crlNumber: string): Promise<Buffer> => {
    const [row] = (await fixture.dataSource.query('SELECT der FROM crls WHERE region = $1 AND crl_number = $2', [region, crlNumber])) as { der: Buffer }[];
    return row.der;
  };
  const revoke = async (region: RegionCode, certificate: Omit<TestCertificate, 'serial' | 'region'>) => {
    const inserted = await insertCertificate(fixture.dataSource, { region, ...certificate });
    (revoked[region] ??= []).push(inserted);
    return inserted;
  };
  const expectListsExactly = async (der: Buffer, region: RegionCode) => {
    const read = await opensslReadCrl(der, fixture.pki, region);
    expect(read.output).toContain('verify OK');
    expect(read.verified).toBe(true);
    const expected = (revoked[region] ?? []).map((certificate) => {
      const reason = certificate.reason && OPENSSL_REASON[certificate.reason];
      return reason ? { serial: certificate.serial, reason } : { serial: certificate.serial };
    });
    const byserial = (a: { serial: string }, b: { serial: string }) => a.serial.localeCompare(b.serial);
    expect(read.entries.sort(byserial)).toEqual(expected.sort(byserial));
    return read;
  };

  beforeAll(async () => {
    fixture = await createCrlFixture();
    const hourAgo = new Date(Date.now() - 3_600_000);
    await revoke('IDF', { revokedAt: hourAgo, reason: 'keyCompromise', invalidityDate: new Date(hourAgo.getTime() - 86_400_000) });
    await revoke('IDF', { revokedAt: hourAgo, reason: 'privilegeWithdrawn' });
    await revoke('IDF', { revokedAt: hourAgo, reason: 'unspecified' });
    await revoke('ARA', { revokedAt: hourAgo, reason: 'cessationOfOperation' });
    // Not revoked: never listed.
    await insertCertificate(fixture.dataSource, { region: 'IDF' });
    await insertCertificate(fixture.dataSource, { region: 'ARA' });
  }, 60_000);

  afterAll(async () => fixture?.close());

  it('signs a CRL that openssl verifies, listing exactly the region’s revoked serials with their reasons, and publishes it', async () => {
    const publish = fixture.activities();
    const result = await publish.publishCrl({ region: 'IDF' });
    expect(result).toEqual({ crlNumber: '1', entries: 3, nextUpdate: expect.any(String) });
    const der = await crlOf('IDF', '1');
    const read = await expectListsExactly(der, 'IDF');
    expect(read.crlNumber).toBe('1');
    // The published file is the recorded CRL.
    expect((await readPublished(fixture.publicationDir, 'IDF')).equals(der)).toBe(true);
    const summary = readCrl(der);
    expect(summary.nextUpdate!.getTime() - summary.thisUpdate.getTime()).toBe(24 * 3_600_000);
    expect(summary.nextUpdate!.toISOString()).toBe(result.nextUpdate);
    const withInvalidity = revoked.IDF[0];
    expect(findRevokedEntry(der, withInvalidity.serial)).toMatchObject({
      reasonCode: 1,
      invalidityDate: new Date(Math.floor(withInvalidity.invalidityDate!.getTime() / 1000) * 1000),
    });
  });

  it('numbers each region on its own, strictly increasing, and adds new revocations', async () => {
    const publish = fixture.activities();
    const ara = await publish.publishCrl({ region: 'ARA' });
    expect(ara).toMatchObject({ crlNumber: '1', entries: 1 });
    await expectListsExactly(await crlOf('ARA', '1'), 'ARA');

    await revoke('IDF', { revokedAt: new Date(), reason: 'superseded' });
    const second = await publish.publishCrl({ region: 'IDF' });
    expect(second).toMatchObject({ crlNumber: '2', entries: 4 });
    const der = await readPublished(fixture.publicationDir, 'IDF');
    expect((await expectListsExactly(der, 'IDF')).crlNumber).toBe('2');
  });

  it('serialises concurrent publications: five at once get five distinct consecutive numbers, and the file holds the newest', async () => {
    const publishers = Array.from({ length: 5 }, () => fixture.activities());
    const results = await Promise.all(publishers.map((publisher) => publisher.publishCrl({ region: 'IDF' })));
    const numbers = results.map((result) => Number(result.crlNumber)).sort((a, b) => a - b);
    expect(numbers).toEqual([3, 4, 5, 6, 7]);
    const rows = (await fixture.dataSource.query("SELECT crl_number::int AS n FROM crls WHERE region = 'IDF' ORDER BY crl_number")) as { n: number }[];
    expect(rows.map((row) => row.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(readCrl(await readPublished(fixture.publicationDir, 'IDF')).crlNumber).toBe(7n);
  });

  it('never moves thisUpdate back, and takes the configured validity', async () => {
    const future = new Date(Date.now() + 3_600_000);
    await fixture.activities({ clock: () => future }).publishCrl({ region: 'ARA' });
    // A worker whose clock is behind the previous publisher's.
    const result = await fixture.activities({ validityHours: 6 }).publishCrl({ region: 'ARA' });
    const summary = readCrl(await readPublished(fixture.publicationDir, 'ARA'));
    expect(summary.crlNumber).toBe(3n);
    expect(summary.thisUpdate.getTime()).toBe(Math.floor(future.getTime() / 1000) * 1000);
    expect(summary.nextUpdate!.getTime() - summary.thisUpdate.getTime()).toBe(6 * 3_600_000);
    expect(result.nextUpdate).toBe(summary.nextUpdate!.toISOString());
  });

  it('refuses a validity beyond the PKI policy and a region without an issuing CA', async () => {
    expect(() => fixture.activities({ validityHours: 48 })).toThrow(RangeError);
    const error = await fixture
      .activities()
      .publishCrl({ region: 'BRE' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('lists a revoked certificate whose stored reason it does not know, without a reason code', async () => {
    const warnings: string[] = [];
    const odd = await revoke('ARA', { revokedAt: new Date(), reason: 'certificateHold' });
    const result = await createCrlActivities({
      dataSource: fixture.dataSource,
      hierarchy: fixture.pki.hierarchy,
      pkiConfig: fixture.pki.config,
      publicationDir: fixture.publicationDir,
      warn: (message) => warnings.push(message),
    }).publishCrl({ region: 'ARA' });
    expect(result.entries).toBe(2);
    await expectListsExactly(await readPublished(fixture.publicationDir, 'ARA'), 'ARA');
    expect(findRevokedEntry(await readPublished(fixture.publicationDir, 'ARA'), odd.serial)).toMatchObject({ serial: expect.any(String) });
    expect(warnings).toEqual([expect.stringContaining(odd.serial)]);
  });
});

/**
 * CRL numbers compared as numbers (RFC 5280 §5.2.3): past 9, 99 and 2^53 the next publication
 * takes the next number. Reading the last number as text once made '9' sort above '10', so every
 * publication after #10 retried #10 forever and the served CRL froze.
 */
describe('publishCrl numbering past 10, 100 and 2^53 (real PostgreSQL)', () => {
  let fixture: CrlFixture;
  const numbers = async () =>
    ((await fixture.dataSource.query("SELECT crl_number::text AS n FROM crls WHERE region = 'IDF' ORDER BY crl_number")) as { n: string }[]).map((row) => row.n);
  const seed = async (crlNumber: bigint) =>
    fixture.dataSource.query(
      "INSERT INTO crls (region, crl_number, this_update, next_update, entry_count, der) VALUES ('IDF', $1, now() - interval '1 hour', now() + interval '23 hours', 0, '\\x00'::bytea)",
      [crlNumber.toString()],
    );

  beforeAll(async () => {
    fixture = await createCrlFixture();
  }, 60_000);
  afterAll(async () => fixture?.close());

  it('publishes #1 to #12 in order, each file carrying its number', async () => {
    const publish = fixture.activities();
    for (let expected = 1n; expected <= 12n; expected++) {
      const result = await publish.publishCrl({ region: 'IDF' });
      expect(result.crlNumber).toBe(expected.toString());
      expect(readCrl(await readPublished(fixture.publicationDir, 'IDF')).crlNumber).toBe(expected);
    }
    expect(await numbers()).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  it('goes from #99 to #100 and #101', async () => {
    await seed(99n);
    const publish = fixture.activities();
    expect((await publish.publishCrl({ region: 'IDF' })).crlNumber).toBe('100');
    expect((await publish.publishCrl({ region: 'IDF' })).crlNumber).toBe('101');
  });

  it('goes past 2^53 exactly (no rounding through a JavaScript number), and openssl reads the number', async () => {
    const beyond = 2n ** 53n + 1n; // 9007199254740993 has no exact double
    await seed(beyond);
    const result = await fixture.activities().publishCrl({ region: 'IDF' });
    expect(result.crlNumber).toBe((beyond + 1n).toString());
    const der = await readPublished(fixture.publicationDir, 'IDF');
    expect(readCrl(der).crlNumber).toBe(beyond + 1n);
    const read = await opensslReadCrl(der, fixture.pki, 'IDF');
    expect(read.verified).toBe(true);
    expect(read.crlNumber).toBe((beyond + 1n).toString());
  });
});

/** ETSI EN 319 411-1 CSS-6.3.9-05: a CRL renewed late is said, in the audit log and the worker's log. */
describe('publishCrl telling a late renewal (real PostgreSQL)', () => {
  let fixture: CrlFixture;
  beforeAll(async () => {
    fixture = await createCrlFixture();
  }, 60_000);
  afterAll(async () => fixture?.close());

  it('audits crl.renewed-late and alerts when the previous CRL is older than two intervals, and says nothing when on time', async () => {
    const alerts: string[] = [];
    const hourly = (clock: () => Date) => fixture.activities({ renewalIntervalMinutes: 60, clock, alert: (message) => alerts.push(message) });
    const start = Date.now();
    await hourly(() => new Date(start)).publishCrl({ region: 'ARA' });
    await hourly(() => new Date(start + 60 * 60_000)).publishCrl({ region: 'ARA' }); // on time
    expect(alerts).toEqual([]);
    await hourly(() => new Date(start + 4 * 60 * 60_000)).publishCrl({ region: 'ARA' }); // three hours later: two ticks missed
    expect(alerts).toEqual([expect.stringMatching(/CRL of region ARA was not renewed on time: #3/)]);
    const audit = await new AuditLog(fixture.dataSource).list({ action: 'crl.renewed-late' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: 'system (crl-publisher)', subject: 'ARA', details: { crlNumber: '3', gapMinutes: 180 } });
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { crlToPem, generateSerialNumber, toPem } from '#libs/ca-core';
import type { RegionCode, RevocationReason } from '#libs/domain';
import { createDataSource, runMigrations } from '#libs/persistence';
import { createCrlActivities, crlPublicationPath, type CrlActivityDependencies } from '../../../activities/crl.activities.js';
import type { CrlActivities } from '../../../activities/lifecycle-activities.js';
import { type PkiFixture, createPkiFixture } from '../../ca-core/support/pki-fixture.js';
import { openssl } from '../../ca-core/support/openssl.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** A migrated database of its own, a software-key hierarchy for IDF and ARA, a publication directory. */
export interface CrlFixture {
  dataSource: DataSource;
  pki: PkiFixture;
  publicationDir: string;
  activities(overrides?: Partial<CrlActivityDependencies>): CrlActivities;
  close(): Promise<void>;
}

export async function createCrlFixture(options: { poolSize?: number } = {}): Promise<CrlFixture> {
  const database: TestDatabase = await createTestDatabase();
  const cleanups: (() => Promise<unknown>)[] = [() => database.drop()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const dataSource = await createDataSource(database.url, { poolSize: options.poolSize ?? 10 }).initialize();
    cleanups.push(() => dataSource.destroy());
    await runMigrations(dataSource);
    const pki = await createPkiFixture('software', { regions: ['IDF', 'ARA'] });
    cleanups.push(() => pki.close());
    const publicationDir = await mkdtemp(join(tmpdir(), 'signexpert-crl-pub-'));
    cleanups.push(() => rm(publicationDir, { recursive: true, force: true }));
    return {
      dataSource,
      pki,
      publicationDir,
      activities: (overrides = {}) =>
        createCrlActivities({ dataSource, hierarchy: pki.hierarchy, pkiConfig: pki.config, publicationDir, ...overrides }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface TestCertificate {
  serial: string;
  region: RegionCode;
  revokedAt?: Date;
  reason?: RevocationReason | string;
  invalidityDate?: Date;
}

/** Inserts a CertificateRecord directly (the DER is a placeholder: CRLs only read serials and revocations). */
export async function insertCertificate(dataSource: DataSource, certificate: Partial<TestCertificate> & { region: RegionCode }): Promise<TestCertificate> {
  const serial = certificate.serial ?? generateSerialNumber().toLowerCase();
  const now = Date.now();
  await dataSource.query(
    `INSERT INTO certificates (serial, subscription_id, profile, region, not_before, not_after, der, issued_at, revoked_at, revocation_reason, invalidity_date)
     VALUES ($1, $2, 'signature', $3, $4, $5, '\\x00'::bytea, $4, $6, $7, $8)`,
    [
      serial,
      randomUUID(),
      certificate.region,
      new Date(now - 86_400_000),
      new Date(now + 730 * 86_400_000),
      certificate.revokedAt ?? null,
      certificate.revokedAt ? (certificate.reason ?? 'unspecified') : null,
      certificate.invalidityDate ?? null,
    ],
  );
  return { ...certificate, serial };
}

/** `count` revoked certificates of `region`, inserted by PostgreSQL itself (for scale runs). */
export async function insertRevokedInBulk(dataSource: DataSource, region: RegionCode, count: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO certificates (serial, subscription_id, profile, region, not_before, not_after, der, issued_at, revoked_at, revocation_reason, invalidity_date)
     SELECT '4' || substr(md5(random()::text || i::text), 1, 31) || lpad(to_hex(i), 8, '0'), gen_random_uuid(), 'signature', $1,
            now() - interval '1 day', now() + interval '730 days', '\\x00'::bytea, now() - interval '1 day',
            now() - (i % 5000) * interval '1 minute',
            (ARRAY['unspecified','keyCompromise','affiliationChanged','superseded','cessationOfOperation','privilegeWithdrawn'])[1 + i % 6],
            CASE WHEN i % 3 = 0 THEN now() - interval '2 days' END
       FROM generate_series(1, $2::int) AS i`,
    [region, count],
  );
}

export interface OpensslCrlEntry {
  serial: string;
  reason?: string;
}

/**
 * Checks a published CRL with the openssl CLI: the signature against the issuing CA certificate
 * (`openssl crl -verify -CAfile`), then its entries as openssl reads them.
 */
export async function opensslReadCrl(
  der: Buffer,
  pki: PkiFixture,
  region: RegionCode,
): Promise<{ verified: boolean; output: string; crlNumber?: string; entries: OpensslCrlEntry[] }> {
  const directory = await mkdtemp(join(tmpdir(), 'signexpert-crl-check-'));
  try {
    await writeFile(join(directory, 'ca.pem'), toPem(pki.hierarchy.issuing.get(region)!.ca.certificate.der, 'CERTIFICATE'));
    await writeFile(join(directory, 'crl.pem'), crlToPem(der));
    const verify = await openssl(['crl', '-in', 'crl.pem', '-CAfile', 'ca.pem', '-verify', '-noout'], directory);
    const text = await openssl(['crl', '-in', 'crl.pem', '-noout', '-text'], directory);
    const entries = text.stdout
      .split(/Serial Number: /)
      .slice(1)
      .map((block) => {
        const serial = block.slice(0, block.search(/\s/)).replace(/^(00)+/, '').toLowerCase();
        const reason = /X509v3 CRL Reason Code:\s*\n\s*(.+)/.exec(block)?.[1].trim();
        return reason ? { serial, reason } : { serial };
      });
    const crlNumber = /X509v3 CRL Number:\s*\n\s*(\S+)/.exec(text.stdout)?.[1];
    return {
      verified: verify.code === 0 && /verify OK/.test(verify.output),
      output: verify.output,
      ...(crlNumber ? { crlNumber } : {}),
      entries,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export function readPublished(publicationDir: string, region: RegionCode): Promise<Buffer> {
  return readFile(crlPublicationPath(publicationDir, region));
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The SDK logs every worker state change at INFO; these tests only want warnings. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this jest worker
  }
}

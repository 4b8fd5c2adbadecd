import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource, QueryRunner } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { type PkiConfig, type PkiHierarchy, type CrlEntry, signCrl } from '#libs/ca-core';
import { type RegionCode, describeActor, isRevocationReason } from '#libs/domain';
import type { CrlActivities } from './lifecycle-activities.js';

export interface CrlActivityDependencies {
  dataSource: DataSource;
  hierarchy: PkiHierarchy;
  pkiConfig: PkiConfig;
  /** The public repository root; CRLs go to `<publicationDir>/crl/<REGION>.crl` (DER). */
  publicationDir: string;
  clock?: () => Date;
  /** nextUpdate - thisUpdate; at most pkiConfig.crlValidityHours (the default). */
  validityHours?: number;
  /** Where a revoked row with an unknown reason name is reported (it is listed without a reason code). */
  warn?: (message: string) => void;
  /**
   * Minutes between scheduled publications (CRL_PUBLICATION_INTERVAL_MINUTES); 0 or absent: none.
   * A CRL that follows its predecessor by more than two intervals was not renewed on time: the
   * publication says so (audit entry `crl.renewed-late`, alert).
   */
  renewalIntervalMinutes?: number;
  /** Where a late renewal is told (the worker's log). */
  alert?: (message: string) => void;
}

const CRL_PUBLISHER = describeActor({ kind: 'system', name: 'crl-publisher' });

/** The file a region's current CRL is published to, relative to the publication directory. */
export function crlPublicationPath(publicationDir: string, region: RegionCode): string {
  return join(publicationDir, 'crl', `${region}.crl`);
}

/**
 * Key of the per-region transaction-scoped advisory lock: one CRL publication at a time per
 * region, across every worker process (on-demand and scheduled publishers run concurrently).
 */
const lockKey = (region: RegionCode) => `signexpert:crl:${region}`;
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

interface RevokedRow {
  serial: string;
  /** Epoch seconds. */
  revoked_at: number;
  revocation_reason: string | null;
  /** Epoch seconds. */
  invalidity_date: number | null;
}

export function createCrlActivities(deps: CrlActivityDependencies): CrlActivities {
  const clock = deps.clock ?? (() => new Date());
  const validityHours = deps.validityHours ?? deps.pkiConfig.crlValidityHours;
  if (!(validityHours > 0) || validityHours > deps.pkiConfig.crlValidityHours) {
    throw new RangeError(`CRL validity must be in (0, ${deps.pkiConfig.crlValidityHours}] hours, not ${validityHours}`);
  }
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const alert = deps.alert ?? ((message: string) => console.error(message));
  const audit = new AuditLog(deps.dataSource);
  const lateAfterMs = deps.renewalIntervalMinutes ? 2 * deps.renewalIntervalMinutes * 60_000 : undefined;

  return {
    /**
     * One transaction under the region's lock: next number, every revoked certificate of the region,
     * signature, CrlRecord. The file is written after the commit (a CRL number on disk is always one
     * the database knows), by the publisher whose CRL is still the newest, again under the lock, so
     * that an older CRL never replaces a newer one. A retry publishes a new number: harmless.
     *
     * Entries are never removed after the certificate's notAfter (RFC 5280 §3.3 allows it only once
     * the entry has appeared on a CRL issued after notAfter, which we do not track).
     */
    async publishCrl({ region, requestedAt }) {
      const authority = deps.hierarchy.issuing.get(region);
      if (!authority) throw ApplicationFailure.nonRetryable(`no issuing CA for region ${region}`, 'UnknownRegion');

      const crl = await inTransaction(deps.dataSource, async (runner) => {
        await runner.query(LOCK_SQL, [lockKey(region)]);
        // READ COMMITTED (the default): each statement below sees what the previous holder committed.
        // Ordered by the bigint column, read as text (a bigint can pass 2^53): the alias must differ
        // from the column's name, or PostgreSQL orders by the text and '9' comes after '10'.
        const [last] = (await runner.query(
          'SELECT crl_number::text AS crl_number_text, this_update FROM crls WHERE region = $1 ORDER BY crl_number DESC LIMIT 1',
          [region],
        )) as { crl_number_text: string; this_update: Date }[];
        const previousCrlNumber = last ? BigInt(last.crl_number_text) : undefined;
        // Four columns, times as epoch seconds (a CRL holds whole seconds): parsing 100,000 timestamptz
        // into Dates would cost about as much as the query itself.
        const rows = (await runner.query(
          `SELECT serial, floor(extract(epoch FROM revoked_at))::float8 AS revoked_at, revocation_reason,
                  floor(extract(epoch FROM invalidity_date))::float8 AS invalidity_date
             FROM certificates WHERE region = $1 AND revoked_at IS NOT NULL`,
          [region],
        )) as RevokedRow[];
        // thisUpdate never goes back (another worker's clock may be ahead of ours), nor before the request.
        const thisUpdate = new Date(Math.max(clock().getTime(), requestedAt ? Date.parse(requestedAt) : 0, last ? last.this_update.getTime() : 0));
        const nextUpdate = new Date(thisUpdate.getTime() + validityHours * 3_600_000);
        const signed = await signCrl(
          authority.ca,
          {
            crlNumber: (previousCrlNumber ?? 0n) + 1n,
            ...(previousCrlNumber !== undefined ? { previousCrlNumber } : {}),
            thisUpdate,
            nextUpdate,
            entries: toEntries(rows, region, warn),
          },
          deps.pkiConfig,
        );
        await runner.query(
          'INSERT INTO crls (region, crl_number, this_update, next_update, entry_count, der) VALUES ($1, $2, $3, $4, $5, $6)',
          [region, signed.crlNumber, signed.thisUpdate, signed.nextUpdate, signed.entryCount, signed.der],
        );
        const late = last && lateAfterMs !== undefined && thisUpdate.getTime() - last.this_update.getTime() > lateAfterMs ? last.this_update : undefined;
        if (late) {
          const details = { crlNumber: signed.crlNumber, previousThisUpdate: late.toISOString(), gapMinutes: Math.round((thisUpdate.getTime() - late.getTime()) / 60_000) };
          await audit.record({ actor: CRL_PUBLISHER, action: 'crl.renewed-late', subject: region, details }, { manager: runner.manager });
        }
        const recovered = (await runner.query(
          `UPDATE incidents SET resolved_at = $2, resolution = 'recovered', resolved_by = $3 WHERE kind = 'crl' AND region = $1 AND resolved_at IS NULL RETURNING id`,
          [region, thisUpdate, CRL_PUBLISHER],
        )) as [{ id: string }[], number];
        for (const { id } of recovered[0]) {
          await audit.record({ actor: CRL_PUBLISHER, action: 'incident.close', subject: region, details: { incidentId: id, resolution: 'recovered', crlNumber: signed.crlNumber } }, { manager: runner.manager });
        }
        return { ...signed, late };
      });
      if (crl.late) alert(`CRL of region ${region} was not renewed on time: #${crl.crlNumber} follows a CRL of ${crl.late.toISOString()}`);

      await inTransaction(deps.dataSource, async (runner) => {
        await runner.query(LOCK_SQL, [lockKey(region)]);
        const [newest] = (await runner.query('SELECT max(crl_number)::text AS crl_number FROM crls WHERE region = $1', [region])) as {
          crl_number: string;
        }[];
        // A newer CRL was committed meanwhile: its publisher writes it (or its retry a newer one).
        if (BigInt(newest.crl_number) !== BigInt(crl.crlNumber)) return;
        await writeAtomically(crlPublicationPath(deps.publicationDir, region), crl.der);
      });

      return { crlNumber: crl.crlNumber, entries: crl.entryCount, nextUpdate: crl.nextUpdate };
    },
  };
}

function* toEntries(rows: readonly RevokedRow[], region: RegionCode, warn: (message: string) => void): Iterable<CrlEntry> {
  for (const row of rows) {
    const reason = row.revocation_reason;
    if (reason !== null && !isRevocationReason(reason)) {
      // Still listed (the revocation is what matters); only the reason code is left out.
      warn(`CRL ${region}: certificate ${row.serial} has unknown revocation reason ${JSON.stringify(reason)}; listed without reasonCode`);
    }
    yield {
      serial: row.serial,
      revokedAt: new Date(row.revoked_at * 1000),
      ...(reason !== null && isRevocationReason(reason) ? { reason } : {}),
      ...(row.invalidity_date !== null ? { invalidityDate: new Date(row.invalidity_date * 1000) } : {}),
    };
  }
}

async function inTransaction<T>(dataSource: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** Readers see the old file or the new one, never a partial one: same-directory temp file, fsync, rename. */
async function writeAtomically(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o644);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

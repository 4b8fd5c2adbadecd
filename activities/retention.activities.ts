import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { describeActor, type SubscriptionState } from '#libs/domain';
import { activationLetterFileName } from '#libs/notifications';

/**
 * What replaces each erased personal field. Fixed and recognisable, so staff reading an old
 * subscription see that it was erased on purpose, and a run never erases a row twice.
 */
export const ERASED = '[effacé]';

const UNSUCCESSFUL_STATES: readonly SubscriptionState[] = ['ABANDONED', 'REJECTED', 'CANCELLED'];
const ISSUED_STATES: readonly SubscriptionState[] = ['EXPIRED', 'REVOKED', 'RENEWED'];
const ACTOR = describeActor({ kind: 'system', name: 'retention' });

export interface EraseBatchInput {
  /** Requests that never led to certificates and ended before this instant (ISO 8601). */
  unsuccessfulEndedBefore: string;
  /** Issued cycles whose end and certificates' notAfter are both before this instant. */
  issuedEndedBefore: string;
  /** Subscriptions per call: each is its own transaction; the workflow calls again while `more`. */
  limit: number;
}

export interface EraseBatchResult {
  unsuccessful: number;
  issued: number;
  /** The batch was full: there may be more to erase. */
  more: boolean;
}

/** retention.activities.ts (the workflow imports this type only). */
export interface RetentionActivities {
  erasePersonalDataBatch(input: EraseBatchInput): Promise<EraseBatchResult>;
}

export interface RetentionDependencies {
  dataSource: DataSource;
  /** The postal spool: an activation letter still there (name, address) goes with the rest. */
  postalSpool?: string;
}

interface Candidate {
  id: string;
  state: SubscriptionState;
}

/**
 * Contract §7.1, §14 (CNIL): the registration file is kept as long as the certification policy
 * requires, then erased. Erasing keeps the subscription row (its id, region, states, dates,
 * conditions version) and the certificates' serials, so that the history and the CRLs stay
 * whole, and the audit log keeps the fact; the person is gone: ID-document copies deleted,
 * names, email, firm and registration number replaced by a marker, free-text notes cleared,
 * sessions and links deleted, an activation letter left in the postal spool removed.
 */
export function createRetentionActivities(deps: RetentionDependencies): RetentionActivities {
  const audit = new AuditLog(deps.dataSource);
  return {
    async erasePersonalDataBatch({ unsuccessfulEndedBefore, issuedEndedBefore, limit }) {
      const candidates: Candidate[] = await deps.dataSource.query(
        `SELECT id, state FROM subscriptions
          WHERE email <> $1 AND (
            (state = ANY($2) AND state_changed_at < $3)
            OR (state = ANY($4) AND GREATEST(state_changed_at, COALESCE(certificates_not_after, state_changed_at)) < $5))
          ORDER BY state_changed_at, id LIMIT $6`,
        [ERASED, UNSUCCESSFUL_STATES, new Date(unsuccessfulEndedBefore), ISSUED_STATES, new Date(issuedEndedBefore), limit],
      );
      const result: EraseBatchResult = { unsuccessful: 0, issued: 0, more: candidates.length === limit };
      for (const candidate of candidates) {
        // Before the row: a failure after this retries the whole erasure, and removing twice is harmless.
        if (deps.postalSpool) await rm(join(deps.postalSpool, activationLetterFileName(candidate.id)), { force: true });
        // A retry after a crash finds the rows already erased and skips them (email = marker).
        const erased = await deps.dataSource.transaction((manager) => eraseOne(manager, audit, candidate));
        if (erased) result[UNSUCCESSFUL_STATES.includes(candidate.state) ? 'unsuccessful' : 'issued']++;
      }
      return result;
    },
  };
}

async function eraseOne(manager: EntityManager, audit: AuditLog, { id, state }: Candidate): Promise<boolean> {
  const [, updated] = (await manager.query(
    `UPDATE subscriptions SET given_name = $2, surname = $2, email = $2, firm = $2, registration_number = $2
      WHERE id = $1 AND email <> $2 AND state = $3`,
    [id, ERASED, state],
  )) as [unknown, number];
  if (updated === 0) return false;
  const [, documents] = (await manager.query('DELETE FROM id_documents WHERE subscription_id = $1', [id])) as [unknown, number];
  // Sessions and links carry the registration number or open the (now anonymous) file: gone too.
  await manager.query('DELETE FROM holder_sessions WHERE subscription_id = $1', [id]);
  await manager.query('DELETE FROM sign_in_links WHERE subscription_id = $1', [id]);
  await manager.query('DELETE FROM email_proofs WHERE subscription_id = $1', [id]);
  // Staff notes are free text (reasons for a rejection, a hand-over remark): they may name the person.
  const [, notes] = (await manager.query('UPDATE subscription_events SET note = NULL WHERE subscription_id = $1 AND note IS NOT NULL', [id])) as [unknown, number];
  await audit.record(
    {
      actor: ACTOR,
      action: 'retention.erase',
      subject: id,
      details: { state, policy: UNSUCCESSFUL_STATES.includes(state) ? 'unsuccessful-request' : 'issued-holder', idDocumentsDeleted: documents, notesCleared: notes },
    },
    { manager },
  );
  return true;
}

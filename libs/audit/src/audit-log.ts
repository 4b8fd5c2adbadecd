import type { DataSource, EntityManager } from 'typeorm';
import { AuditChainVerifier, GENESIS_HASH, auditEntryHash, type AuditVerification, type ChainedAuditEntry } from './audit-chain.js';
import { toJsonValue } from './canonical-json.js';

/** Serialises appends across every process sharing the database (any constant unique to this use). */
const AUDIT_APPEND_LOCK_KEY = 0x5167_a0d1;

const ACTION_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Details are for ids, outcomes and reasons: a key that names a secret is a bug in the caller. */
const SECRET_KEYS = new Set(['password', 'passwordhash', 'token', 'sessiontoken', 'secret', 'pin', 'activationcode', 'authorization']);

export interface AuditEntryInput {
  /** `describeActor(actor)` of libs/domain, or `cli <unix user>`. */
  actor: string;
  /** Dotted verb: `review.approve`, `ca.revoke`, `document.read`, `session.open`. */
  action: string;
  /** The id acted upon (subscription id, staff id, serial), if any. */
  subject?: string | null;
  /** Ids, outcomes, reasons. Never secrets, never personal data beyond ids. */
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Entries older than this id (pages go from the newest back). */
  cursor?: string;
  limit?: number;
  actor?: string;
  action?: string;
  subject?: string;
}

export interface AuditPage {
  entries: ChainedAuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const AUDIT_PAGE_MAX = 200;

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  previous_hash: string;
  hash: string;
}

/**
 * The append-only, hash-chained audit log (DESIGN.md "Data and secrets"): every staff action
 * and CA operation. Each entry's hash covers the previous entry's hash, so altering, removing or
 * inserting an entry breaks every later link; `verify()` finds the first break. PostgreSQL itself
 * refuses UPDATE and DELETE on the table (trigger), and a unique previous_hash forbids forks.
 */
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Appends one entry. With `manager`, inside the caller's transaction: the entry then commits or
   * rolls back with the action it records (the append lock is held until that transaction ends).
   */
  async record(input: AuditEntryInput, options: { manager?: EntityManager } = {}): Promise<ChainedAuditEntry> {
    const facts = this.checked(input);
    const append = async (manager: EntityManager): Promise<ChainedAuditEntry> => {
      // Transaction-scoped lock: released at commit, so the next writer reads this entry's hash.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK_KEY]);
      const last: { hash: string }[] = await manager.query('SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1');
      const previousHash = last[0]?.hash ?? GENESIS_HASH;
      const at = this.clock();
      const hash = auditEntryHash(previousHash, { ...facts, at });
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO audit_entries (at, actor, action, subject, details, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
        [at, facts.actor, facts.action, facts.subject, JSON.stringify(facts.details), previousHash, hash],
      );
      return { id: String(inserted[0].id), at, ...facts, previousHash, hash };
    };
    if (options.manager?.queryRunner?.isTransactionActive) return append(options.manager);
    return this.dataSource.transaction(append);
  }

  /** Walks the whole chain in id order on one consistent snapshot, page by page. */
  async verify(pageSize = 1000): Promise<AuditVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const verifier = new AuditChainVerifier();
      let after = '0';
      for (;;) {
        const rows: AuditRow[] = await manager.query(
          'SELECT id, at, actor, action, subject, details, previous_hash, hash FROM audit_entries WHERE id > $1 ORDER BY id LIMIT $2',
          [after, pageSize],
        );
        for (const row of rows) if (!verifier.accept(toEntry(row))) return verifier.result();
        if (rows.length < pageSize) return verifier.result();
        after = String(rows[rows.length - 1].id);
      }
    });
  }

  /** Newest first, filtered by exact actor, action and subject; paginated by id. */
  async list(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), AUDIT_PAGE_MAX);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.cursor !== undefined) where('id < ?', query.cursor);
    if (query.actor !== undefined) where('actor = ?', query.actor);
    if (query.action !== undefined) where('action = ?', query.action);
    if (query.subject !== undefined) where('subject = ?', query.subject);
    parameters.push(limit + 1);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id, at, actor, action, subject, details, previous_hash, hash FROM audit_entries
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1].id : null };
  }

  private checked(input: AuditEntryInput): Omit<ChainedAuditEntry, 'id' | 'at' | 'previousHash' | 'hash'> {
    if (!input.actor || input.actor.length > 200) throw new TypeError('audit: actor must be 1 to 200 characters');
    if (!ACTION_PATTERN.test(input.action) || input.action.length > 64) throw new TypeError(`audit: malformed action "${input.action}"`);
    if (input.subject != null && (input.subject.length === 0 || input.subject.length > 200)) throw new TypeError('audit: subject must be 1 to 200 characters');
    const details = toJsonValue(input.details ?? {});
    refuseSecrets(details);
    return { actor: input.actor, action: input.action, subject: input.subject ?? null, details };
  }
}

function refuseSecrets(value: unknown, path = 'details'): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, member] of Object.entries(value)) {
    if (SECRET_KEYS.has(key.toLowerCase())) throw new TypeError(`audit: ${path}.${key} looks like a secret and may not be recorded`);
    refuseSecrets(member, `${path}.${key}`);
  }
}

function toEntry(row: AuditRow): ChainedAuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: row.details,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

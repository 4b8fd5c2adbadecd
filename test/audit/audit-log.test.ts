import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AuditLog, GENESIS_HASH } from '#libs/audit';
import { createDataSource, runMigrations } from '#libs/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the audit log on real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let other: DataSource;
  let audit: AuditLog;

  /** One raw connection, as a superuser would open it (the embedded test cluster's user is one). */
  async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource(database.url, { poolSize: 10 }).initialize();
    other = await createDataSource(database.url, { poolSize: 10 }).initialize();
    await runMigrations(dataSource);
    audit = new AuditLog(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await other?.destroy();
    await database?.drop();
  });

  it('verifies an empty log', async () => {
    expect(await audit.verify()).toEqual({ ok: true, count: 0 });
  });

  it('keeps one unforked chain under 100 concurrent appends from two processes', async () => {
    const second = new AuditLog(other);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? second : audit).record({ actor: `ecma-operator op${i % 7}`, action: 'review.approve', subject: `sub-${i}`, details: { n: i, nested: { b: 2, a: 1 } } }),
      ),
    );
    expect(await audit.verify(17)).toEqual({ ok: true, count: 100 }); // small pages: the walk crosses page boundaries
    const rows: { previous_hash: string }[] = await dataSource.query('SELECT previous_hash FROM audit_entries ORDER BY id');
    expect(rows[0].previous_hash).toBe(GENESIS_HASH);
    expect(new Set(rows.map((r) => r.previous_hash)).size).toBe(100);
  });

  it('records inside a caller\'s transaction, and records nothing when it rolls back', async () => {
    const before = (await audit.verify()) as { count: number };
    await dataSource
      .transaction(async (manager) => {
        await audit.record({ actor: 'ca-officer x', action: 'ca.revoke', subject: 'serial-1' }, { manager });
        throw new Error('the action failed');
      })
      .catch(() => undefined);
    await dataSource.transaction((manager) => audit.record({ actor: 'ca-officer x', action: 'ca.revoke', subject: 'serial-2' }, { manager }));
    expect(await audit.verify()).toEqual({ ok: true, count: before.count + 1 });
  });

  it('refuses malformed entries and details that name a secret', async () => {
    await expect(audit.record({ actor: '', action: 'session.open' })).rejects.toThrow(/actor/);
    await expect(audit.record({ actor: 'a', action: 'Nope' })).rejects.toThrow(/action/);
    await expect(audit.record({ actor: 'a', action: 'session.open', details: { nested: { password: 'x' } } })).rejects.toThrow(/details\.nested\.password/);
  });

  it('pages newest first by cursor, filtered by actor, action and subject', async () => {
    const first = await audit.list({ limit: 30, action: 'review.approve' });
    expect(first.entries).toHaveLength(30);
    expect(first.nextCursor).toBe(first.entries[29].id);
    const ids = first.entries.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    const rest = await audit.list({ limit: 200, action: 'review.approve', cursor: first.nextCursor! });
    expect(rest.entries).toHaveLength(70);
    expect(rest.nextCursor).toBeNull();
    const bySubject = await audit.list({ subject: 'sub-42' });
    expect(bySubject.entries.map((e) => e.details)).toEqual([{ n: 42, nested: { a: 1, b: 2 } }]);
    const byActor = await audit.list({ actor: 'ecma-operator op0', limit: 200 });
    expect(byActor.entries.every((e) => e.actor === 'ecma-operator op0')).toBe(true);
    expect(byActor.entries.length).toBe(15); // i % 7 === 0 for i < 100
  });

  it('is append-only in PostgreSQL itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await asSuperuser(async (client) => {
      // Even the table's owner (a superuser here) is refused while the trigger is enabled.
      await expect(client.query(`UPDATE audit_entries SET actor = 'someone else' WHERE id = (SELECT min(id) FROM audit_entries)`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(client.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only: DELETE refused/);
      await expect(client.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only: TRUNCATE refused/);
    });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('names exactly the row a superuser altered behind the trigger\'s back', async () => {
    const page = await audit.list({ subject: 'sub-57' });
    const target = page.entries[0].id;
    await asSuperuser(async (client) => {
      await client.query('SET session_replication_role = replica'); // superuser only: ordinary triggers do not fire
      await client.query(`UPDATE audit_entries SET details = '{"n": 58, "nested": {"a": 1, "b": 2}}' WHERE id = $1`, [target]);
    });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadId: target, reason: expect.stringMatching(/altered/) });
    const earlier: { count: string }[] = await dataSource.query('SELECT count(*) FROM audit_entries WHERE id < $1', [target]);
    expect(result.count).toBe(Number(earlier[0].count));
  });

  it('names the entry after a row a superuser deleted', async () => {
    const fresh = await createTestDatabase();
    const ds = await createDataSource(fresh.url, { poolSize: 2 }).initialize();
    try {
      await runMigrations(ds);
      const log = new AuditLog(ds);
      const entries = [];
      for (let i = 0; i < 5; i++) entries.push(await log.record({ actor: 'auditor a', action: 'audit.read' }));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      await client.query('SET session_replication_role = replica');
      await client.query('DELETE FROM audit_entries WHERE id = $1', [entries[2].id]);
      await client.end();
      expect(await log.verify()).toMatchObject({ ok: false, firstBadId: entries[3].id, count: 2, reason: expect.stringMatching(/previous_hash/) });
    } finally {
      await ds.destroy();
      await fresh.drop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { AuditLog } from '#libs/audit';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const CLI = new URL('../../dist/apps/cli/src/main.js', import.meta.url).pathname;

function cli(databaseUrl: string, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('GET /v1/admin/audit and the audit:verify command (real API, real PostgreSQL)', () => {
  let system: TestSystem;
  let url: string;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const get = (path: string, role: string) => http().get(path).set('Authorization', `Bearer ${tokens[role]}`);

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    url = system.env.DATABASE_URL!;
    for (const role of ['auditor', 'ca-officer', 'ecma-operator', 'csoec-officer']) {
      const secret = randomBytes(18).toString('base64url');
      const created = await cli(url, ['staff:create', '--login', role, '--name', role, '--role', role, '--password-stdin'], secret);
      expect(created.code).toBe(0);
      tokens[role] = (await http().post('/v1/admin/sessions').send({ login: role, password: secret }).expect(201)).body.token;
    }
    const audit = system.api.get(AuditLog);
    for (let i = 0; i < 25; i++) await audit.record({ actor: 'ca-officer test', action: 'ca.revoke', subject: `serial-${i % 5}`, details: { reason: 'keyCompromise' } });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it.each(['auditor', 'ca-officer'])('lets %s read, newest first, page by page with the cursor', async (role) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: request.Response = await get(`/v1/admin/audit?action=ca.revoke&limit=10${cursor ? `&cursor=${cursor}` : ''}`, role).expect(200);
      seen.push(...response.body.entries.map((e: { id: string }) => e.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    const bySubject = await get('/v1/admin/audit?subject=serial-3&actor=ca-officer%20test', role).expect(200);
    expect(bySubject.body.entries).toHaveLength(5);
    expect(bySubject.body.entries[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      actor: 'ca-officer test',
      action: 'ca.revoke',
      subject: 'serial-3',
      details: { reason: 'keyCompromise' },
      previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each(['ecma-operator', 'csoec-officer'])('refuses %s with 403 naming the roles', async (role) => {
    for (const path of ['/v1/admin/audit', '/v1/admin/audit/verification']) {
      const response = await get(path, role).expect(403);
      expect(response.body.detail).toMatch(/auditor, ca-officer/);
    }
  });

  it('audits the reading itself, with the reader and the outcome', async () => {
    await get('/v1/admin/audit/verification', 'auditor').expect(200);
    const reads = await get('/v1/admin/audit?action=audit.verify&limit=1', 'auditor').expect(200);
    expect(reads.body.entries[0]).toMatchObject({
      actor: expect.stringMatching(/^auditor [0-9a-f-]{36}$/),
      details: { method: 'GET', route: '/v1/admin/audit/verification', outcome: 'done' },
    });
  });

  it.each([
    ['limit=1000', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=-1', 'cursor'],
    ['sort=id', 'sort'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const response = await get(`/v1/admin/audit?${query}`, 'auditor').expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('verification: OK over HTTP and from the command, then exactly the tampered row from both', async () => {
    const ok = await get('/v1/admin/audit/verification', 'auditor').expect(200);
    expect(ok.body).toEqual({ ok: true, count: expect.any(Number) });
    const verified = await cli(url, ['audit:verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK \d+ entries/);

    const [{ id }]: { id: string }[] = await system.dataSource.query(`SELECT id FROM audit_entries WHERE subject = 'serial-2' ORDER BY id LIMIT 1`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET session_replication_role = replica'); // superuser: bypasses the append-only trigger
      await client.query(`UPDATE audit_entries SET details = '{"reason": "superseded"}' WHERE id = $1`, [id]);
    } finally {
      await client.end();
    }
    const tampered = await cli(url, ['audit:verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(`TAMPERED at entry ${id}:`);
    const overHttp = await get('/v1/admin/audit/verification', 'ca-officer').expect(200);
    expect(overHttp.body).toMatchObject({ ok: false, firstBadId: String(id), reason: expect.stringMatching(/altered/) });
  });
});

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { HolderAuthGuard, HolderSessions, LOCKOUT_MS, STAFF_SESSION_TTL_MS } from '../../apps/api/src/auth/index.js';
import { StaffAccountRecord } from '#libs/persistence';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const CLI = new URL('../../dist/apps/cli/src/main.js', import.meta.url).pathname;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(databaseUrl: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const password = () => `pw-${randomBytes(12).toString('base64url')}`;

describe('staff authentication and holder sessions (real API, real PostgreSQL)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  const passwords = { auditor: password(), operator: password(), agent: password(), victim: password(), leaver: password() };
  const issuedTokens: string[] = [];
  /** Every response body but the sign-ins': none may carry a password or a token. */
  const otherResponses: string[] = [];
  const logged: string[] = [];
  const spies: { mockRestore(): void }[] = [];

  const signIn = async (login: string, secret: string) => {
    const response = await http().post('/v1/admin/sessions').send({ login, password: secret });
    if (response.status === 201) issuedTokens.push(response.body.token);
    else otherResponses.push(response.text);
    return response;
  };
  const get = async (path: string, token?: string) => {
    const call = http().get(path);
    const response = await (token ? call.set('Authorization', `Bearer ${token}`) : call);
    otherResponses.push(response.text);
    return response;
  };

  beforeAll(async () => {
    // Catch everything written anywhere, from the start: Nest's logger writes to stdout/stderr directly.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
          logged.push(String(chunk));
          return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write),
      );
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method].bind(console);
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        original(...args);
      }));
    }
    system = await startTestSystem({ worker: false });
    const url = system.env.DATABASE_URL!;
    const created = await Promise.all([
      cli(url, ['staff:create', '--login', 'Audrey', '--name', 'Audrey Auditrice', '--role', 'auditor', '--password-stdin'], { stdin: `${passwords.auditor}\n` }),
      cli(url, ['staff:create', '--login', 'op1', '--name', 'Opérateur Un', '--role', 'ecma-operator', '--password-env', 'OP_PW'], { env: { OP_PW: passwords.operator } }),
      cli(url, ['staff:create', '--login', 'agent.bre', '--name', 'Agent Bretagne', '--role', 'croec-agent', '--region', 'BRE', '--password-stdin'], { stdin: passwords.agent }),
      cli(url, ['staff:create', '--login', 'victim', '--name', 'Victime', '--role', 'ecma-operator', '--password-stdin'], { stdin: passwords.victim }),
      cli(url, ['staff:create', '--login', 'leaver', '--name', 'Partant', '--role', 'ca-officer', '--password-stdin'], { stdin: passwords.leaver }),
    ]);
    for (const result of created) {
      logged.push(result.stdout, result.stderr);
      expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created staff account /) });
    }
  });

  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    await system?.stop();
  });

  describe('the operator command', () => {
    it('stores an argon2id hash, never the password, with a lower-case login', async () => {
      const account = await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'audrey' });
      expect(account).toMatchObject({ role: 'auditor', region: null, failedAttempts: 0, lockedUntil: null, disabledAt: null });
      expect(account.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
      expect(account.passwordHash).not.toContain(passwords.auditor);
    });

    it('refuses a password on the command line, a croec-agent without region, a short password, a taken login', async () => {
      const url = system.env.DATABASE_URL!;
      const argv = await cli(url, ['staff:create', '--login', 'x1', '--name', 'X', '--role', 'auditor', '--password', 'abcdefghijklmnop']);
      expect(argv.code).toBe(2);
      expect(argv.stderr).toMatch(/never goes on the command line/);
      const agent = await cli(url, ['staff:create', '--login', 'x2', '--name', 'X', '--role', 'croec-agent', '--password-stdin'], { stdin: password() });
      expect(agent).toMatchObject({ code: 1, stderr: expect.stringMatching(/needs a region/) });
      const short = await cli(url, ['staff:create', '--login', 'x3', '--name', 'X', '--role', 'auditor', '--password-stdin'], { stdin: 'short' });
      expect(short).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 12/) });
      const taken = await cli(url, ['staff:create', '--login', 'OP1', '--name', 'X', '--role', 'auditor', '--password-stdin'], { stdin: password() });
      expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/already taken/) });
      const role = await cli(url, ['staff:create', '--login', 'x4', '--name', 'X', '--role', 'root', '--password-stdin'], { stdin: password() });
      expect(role).toMatchObject({ code: 1, stderr: expect.stringMatching(/role must be one of/) });
    });
  });

  describe('POST /v1/admin/sessions', () => {
    it('signs in: a 43-character bearer token, its expiry (8 h), role and region; only the hash is stored', async () => {
      const before = Date.now();
      const response = await signIn('agent.bre', passwords.agent);
      expect(response.status).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ token: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String), role: 'croec-agent', region: 'BRE' });
      const expiresAt = Date.parse(response.body.expiresAt);
      expect(expiresAt - before).toBeGreaterThanOrEqual(STAFF_SESSION_TTL_MS - 1000);
      expect(expiresAt - before).toBeLessThanOrEqual(STAFF_SESSION_TTL_MS + 60_000);
      const stored: { token_hash: string }[] = await system.dataSource.query('SELECT token_hash FROM staff_sessions');
      expect(stored.map((row) => row.token_hash)).not.toContain(response.body.token);
      const dump = JSON.stringify(await system.dataSource.query('SELECT * FROM staff_sessions'));
      expect(dump).not.toContain(response.body.token);
    });

    it('answers a wrong password and an unknown login with the same 401 problem', async () => {
      const wrong = await signIn('op1', 'not the password at all');
      const unknown = await signIn('nobody-here', 'not the password at all');
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toEqual({ type: 'about:blank', title: 'sign-in refused', status: 401, detail: 'The login or the password is incorrect.' });
      expect(unknown.text).not.toContain('nobody-here');
    });

    it('validates the body: unknown fields and missing password are 400 naming the field', async () => {
      const extra = await http().post('/v1/admin/sessions').send({ login: 'op1', password: 'x', role: 'auditor' }).expect(400);
      expect(extra.body.errors.map((e: { field: string }) => e.field)).toContain('role');
      const missing = await http().post('/v1/admin/sessions').send({ login: 'op1' }).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('password');
      otherResponses.push(extra.text, missing.text);
    });

    it('locks a login for 15 minutes after 5 consecutive failures (429 + Retry-After), even for the right password', async () => {
      for (let i = 1; i <= 4; i++) expect((await signIn('victim', `wrong-${i}`)).status).toBe(401);
      const fifth = await signIn('victim', 'wrong-5');
      expect(fifth.status).toBe(429);
      expect(Number(fifth.headers['retry-after'])).toBe(LOCKOUT_MS / 1000);
      const right = await signIn('victim', passwords.victim);
      expect(right.status).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(LOCKOUT_MS / 1000 - 60);
      expect(right.body).toMatchObject({ title: 'sign-in locked', status: 429 });

      // Fifteen minutes later (moved in the database rather than waited for), the right password works again.
      await system.dataSource.query(`UPDATE staff_accounts SET locked_until = now() - interval '1 second' WHERE login = 'victim'`);
      expect((await signIn('victim', passwords.victim)).status).toBe(201);
      const account = await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'victim' });
      expect(account.failedAttempts).toBe(0);
    });

    it('counts only consecutive failures: a success starts the count again', async () => {
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong')).status).toBe(401);
      expect((await signIn('victim', passwords.victim)).status).toBe(201);
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong')).status).toBe(401);
      expect((await signIn('victim', passwords.victim)).status).toBe(201);
    });

    it('locks an unknown login the same way, so that the lockout does not tell which logins exist', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await signIn('ghost', 'whatever-it-is')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });
  });

  describe('guards', () => {
    it('401 without a token, with a malformed one, or an unknown one, with WWW-Authenticate', async () => {
      for (const token of [undefined, 'garbage', randomBytes(32).toString('base64url')]) {
        const response = await get('/v1/admin/audit/verification', token);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    });

    it('403 naming the required roles for a role that is not among them; the refusal is audited', async () => {
      const { body } = await signIn('op1', passwords.operator);
      const refused = await get('/v1/admin/audit', body.token);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toContain('auditor, ca-officer');
      expect(refused.body.detail).toContain('ecma-operator');

      const auditor = (await signIn('audrey', passwords.auditor)).body.token;
      const denials = await get('/v1/admin/audit?action=access.deny', auditor);
      expect(denials.status).toBe(200);
      const operatorId = (await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'op1' })).id;
      expect(denials.body.entries[0]).toMatchObject({
        actor: `ecma-operator ${operatorId}`,
        action: 'access.deny',
        details: { method: 'GET', route: '/v1/admin/audit', requiredRoles: ['auditor', 'ca-officer'] },
      });
    });

    it('refuses an expired session', async () => {
      const { token } = (await signIn('audrey', passwords.auditor)).body;
      expect((await get('/v1/admin/audit/verification', token)).status).toBe(200);
      await system.dataSource.query(`UPDATE staff_sessions SET expires_at = now() - interval '1 second'`);
      expect((await get('/v1/admin/audit/verification', token)).status).toBe(401);
    });

    it('signs out: DELETE /v1/admin/sessions/current ends that session only', async () => {
      const first = (await signIn('audrey', passwords.auditor)).body.token;
      const second = (await signIn('audrey', passwords.auditor)).body.token;
      const out = await http().delete('/v1/admin/sessions/current').set('Authorization', `Bearer ${first}`);
      otherResponses.push(out.text);
      expect(out.status).toBe(204);
      expect((await get('/v1/admin/audit/verification', first)).status).toBe(401);
      expect((await get('/v1/admin/audit/verification', second)).status).toBe(200);
      expect((await http().delete('/v1/admin/sessions/current')).status).toBe(401);
    });

    it('a disabled account loses its sessions at once and signs in no more (same 401 as a wrong password)', async () => {
      const token = (await signIn('leaver', passwords.leaver)).body.token;
      expect((await get('/v1/admin/audit/verification', token)).status).toBe(200);
      const disabled = await cli(system.env.DATABASE_URL!, ['staff:disable', '--login', 'leaver']);
      expect(disabled).toMatchObject({ code: 0, stdout: expect.stringMatching(/^disabled staff account leaver/) });
      expect((await get('/v1/admin/audit/verification', token)).status).toBe(401);
      const again = await signIn('leaver', passwords.leaver);
      expect(again.status).toBe(401);
      expect(again.body.detail).toBe('The login or the password is incorrect.');
    });

    it('holder sessions: 30 minutes, hashed, accepted by HolderAuthGuard, never as a staff session', async () => {
      const holders = system.api.get(HolderSessions);
      const subscriptionId = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
      const opened = await holders.open({ subscriptionId, registrationNumber: 'RN-123456' });
      issuedTokens.push(opened.token);
      expect(opened.token).toMatch(/^[\w-]{43}$/);
      expect(opened.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(opened.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
      expect(JSON.stringify(await system.dataSource.query('SELECT * FROM holder_sessions'))).not.toContain(opened.token);

      const guard = system.api.get(HolderAuthGuard);
      const context = (authorization?: string) => {
        const req: Record<string, unknown> = { headers: { authorization } };
        const context = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({ setHeader() {} }) }) } as unknown as ExecutionContext;
        return { req, context };
      };
      const ok = context(`Bearer ${opened.token}`);
      await expect(guard.canActivate(ok.context)).resolves.toBe(true);
      expect(ok.req.holderActor).toEqual({ kind: 'holder', registrationNumber: 'RN-123456', subscriptionId });
      await expect(guard.canActivate(context().context)).rejects.toMatchObject({ status: 401 });

      expect((await get('/v1/admin/audit/verification', opened.token)).status).toBe(401);
      await system.dataSource.query(`UPDATE holder_sessions SET expires_at = now() - interval '1 second'`);
      await expect(guard.canActivate(context(`Bearer ${opened.token}`).context)).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('audit of sign-ins', () => {
    it('records session.open, session.refuse and staff.lock with actor ids, never a login or a password', async () => {
      const auditor = (await signIn('audrey', passwords.auditor)).body.token;
      const victimId = (await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'victim' })).id;
      const locks = await get(`/v1/admin/audit?action=staff.lock&subject=${victimId}`, auditor);
      expect(locks.body.entries).toHaveLength(1);
      expect(locks.body.entries[0]).toMatchObject({ actor: `ecma-operator ${victimId}`, details: { reason: 'wrong-password' } });
      const unknown = await get('/v1/admin/audit?actor=anonymous&limit=200', auditor);
      expect(unknown.body.entries.length).toBeGreaterThan(0);
      expect(unknown.body.entries.every((e: { details: { reason: string } }) => e.details.reason === 'unknown-login')).toBe(true);
      const all = await get('/v1/admin/audit?limit=200', auditor);
      expect(all.text).not.toMatch(/ghost|nobody-here|victim|audrey/);
      expect((await get('/v1/admin/audit/verification', auditor)).body).toEqual({ ok: true, count: expect.any(Number) });
    });

    it('no password or token anywhere in the logs, and no token in any response but its sign-in', () => {
      expect(issuedTokens.length).toBeGreaterThan(10);
      const everything = logged.join('\n');
      const responses = otherResponses.join('\n');
      for (const secret of [...Object.values(passwords), ...issuedTokens]) {
        expect(everything).not.toContain(secret);
        expect(responses).not.toContain(secret);
      }
    });
  });
});

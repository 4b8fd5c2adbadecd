import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { FIRST_BACKOFF_MS, HolderAuthGuard, HolderSessions, MAX_BACKOFF_MS, STAFF_SESSION_TTL_MS, signInClientActor } from '../../apps/api/src/auth/index.js';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { SignInFailureRecord, StaffAccountRecord } from '#libs/persistence';
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
  const passwords = { auditor: password(), operator: password(), agent: password(), victim: password(), leaver: password(), target: password() };
  const issuedTokens: string[] = [];
  /** Every response body but the sign-ins': none may carry a password or a token. */
  const otherResponses: string[] = [];
  const logged: string[] = [];
  const spies: { mockRestore(): void }[] = [];

  /** From the TCP peer, or (TRUST_PROXY=loopback) from the client a proxy names in X-Forwarded-For. */
  const signIn = async (login: string, secret: string, client?: string, app?: INestApplication) => {
    const call = request((app ?? system.api).getHttpServer()).post('/v1/admin/sessions');
    const response = await (client ? call.set('X-Forwarded-For', client) : call).send({ login, password: secret });
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
    // TRUST_PROXY as behind a reverse proxy: X-Forwarded-For then names the client, which lets one test play several.
    system = await startTestSystem({ worker: false, environment: { TRUST_PROXY: 'loopback' } });
    const url = system.env.DATABASE_URL!;
    const created = await Promise.all([
      cli(url, ['staff:create', '--login', 'Audrey', '--name', 'Audrey Auditrice', '--role', 'auditor', '--password-stdin'], { stdin: `${passwords.auditor}\n` }),
      cli(url, ['staff:create', '--login', 'op1', '--name', 'Opérateur Un', '--role', 'ecma-operator', '--password-env', 'OP_PW'], { env: { OP_PW: passwords.operator } }),
      cli(url, ['staff:create', '--login', 'agent.bre', '--name', 'Agent Bretagne', '--role', 'croec-agent', '--region', 'BRE', '--password-stdin'], { stdin: passwords.agent }),
      cli(url, ['staff:create', '--login', 'victim', '--name', 'Victime', '--role', 'ecma-operator', '--password-stdin'], { stdin: passwords.victim }),
      cli(url, ['staff:create', '--login', 'leaver', '--name', 'Partant', '--role', 'ca-officer', '--password-stdin'], { stdin: passwords.leaver }),
      cli(url, ['staff:create', '--login', 'target', '--name', 'Cible', '--role', 'auditor', '--password-stdin'], { stdin: passwords.target }),
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
      expect(account).toMatchObject({ role: 'auditor', region: null, disabledAt: null });
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

    it('refuses NUL and other hostile text in the login or the password, and an over-long password, with a 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ login: 'op\u0000', password: 'whatever-it-is' }, 'login'],
        [{ login: 'op1', password: 'pass\u0000word-pass' }, 'password'],
        [{ login: 'op1\u202e', password: 'whatever-it-is' }, 'login'],
        [{ login: 'op1', password: 'pass\ud800word-pass' }, 'password'],
        [{ login: 'op1\nop2', password: 'whatever-it-is' }, 'login'],
        [{ login: 'x'.repeat(65), password: 'whatever-it-is' }, 'login'],
        // argon2 never hashes more than the policy ever allowed (1024 characters): the DTO refuses first.
        [{ login: 'op1', password: 'p'.repeat(1025) }, 'password'],
        [{ login: 'op1', password: 'p'.repeat(90_000) }, 'password'],
        [{ login: ['op1'], password: 'whatever-it-is' }, 'login'],
        [{ login: 'op1', password: { $gt: '' } }, 'password'],
      ];
      const failuresBefore = await system.dataSource.getRepository(SignInFailureRecord).sum('failures');
      for (const [body, field] of cases) {
        const response = await http().post('/v1/admin/sessions').send(body);
        otherResponses.push(response.text);
        expect([JSON.stringify(body).slice(0, 60), response.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      // None of them was counted as a failed sign-in: they never reached it.
      expect(await system.dataSource.getRepository(SignInFailureRecord).sum('failures')).toBe(failuresBefore);
    });

    it('counts only consecutive failures: a success from that client starts its count again', async () => {
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong', '192.0.2.1')).status).toBe(401);
      expect((await signIn('victim', passwords.victim, '192.0.2.1')).status).toBe(201);
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong', '192.0.2.1')).status).toBe(401);
      expect((await signIn('victim', passwords.victim, '192.0.2.1')).status).toBe(201);
    });

    it('forgets a count left alone for a day', async () => {
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong', '192.0.2.2')).status).toBe(401);
      await system.dataSource.query(`UPDATE sign_in_failures SET last_failure_at = now() - interval '25 hours' WHERE client = '192.0.2.2'`);
      expect((await signIn('victim', 'wrong', '192.0.2.2')).status).toBe(401);
      expect(await system.dataSource.getRepository(SignInFailureRecord).findOneByOrFail({ client: '192.0.2.2' })).toMatchObject({ failures: 1, blockedUntil: null });
    });
  });

  describe('back-off per login and client', () => {
    const X = '203.0.113.10';
    const Y = '198.51.100.20';
    /** Moves a client's wait into the past, as if it had been waited out. */
    const waitOut = (client: string) => system.dataSource.query(`UPDATE sign_in_failures SET blocked_until = now() - interval '1 second' WHERE client = $1`, [client]);
    /** The answer without the seconds it counts down. */
    const shape = (response: request.Response) => ({ status: response.status, type: response.headers['content-type'], body: { ...response.body, detail: response.body.detail.replace(/\d+/g, 'N') } });

    it("backs client X off after its 5th failure (429, Retry-After, even for the right password) while client Y signs in at once", async () => {
      for (let i = 1; i <= 4; i++) expect((await signIn('victim', `wrong-${i}`, X)).status).toBe(401);
      const fifth = await signIn('victim', 'wrong-5', X);
      expect(fifth.status).toBe(429);
      expect(fifth.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fifth.headers['retry-after']).toBe(String(FIRST_BACKOFF_MS / 1000));
      expect(fifth.body).toEqual({ type: 'about:blank', title: 'sign-in backed off', status: 429, detail: expect.stringMatching(/try again in 60 second/) });

      // While backing off, the right password and a wrong one get the same answer: a guesser learns nothing.
      const right = await signIn('victim', passwords.victim, X);
      const wrong = await signIn('victim', 'wrong-6', X);
      expect(shape(right)).toEqual(shape(fifth));
      expect(shape(wrong)).toEqual(shape(fifth));
      for (const response of [right, wrong]) expect(Number(response.headers['retry-after'])).toBeGreaterThan(FIRST_BACKOFF_MS / 1000 - 10);
      expect(right.body.token).toBeUndefined();

      // Another client is not delayed at all, with the right password or a wrong one; nor is the TCP peer.
      expect((await signIn('victim', 'wrong', Y)).status).toBe(401);
      expect((await signIn('victim', passwords.victim, Y)).status).toBe(201);
      expect((await signIn('victim', passwords.victim)).status).toBe(201);
      expect((await signIn('victim', passwords.victim, X)).status).toBe(429);

      // The attempts refused during the wait were not counted: once it is over, the right password works.
      await waitOut(X);
      expect((await signIn('victim', passwords.victim, X)).status).toBe(201);
      expect(await system.dataSource.getRepository(SignInFailureRecord).countBy({ client: X })).toBe(0);
    });

    it('doubles the wait with each further failure, up to an hour', async () => {
      const client = '203.0.113.11';
      for (let i = 0; i < 4; i++) expect((await signIn('victim', 'wrong', client)).status).toBe(401);
      const waits: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await signIn('victim', 'wrong', client);
        expect(response.status).toBe(429);
        waits.push(response.headers['retry-after']);
        await waitOut(client);
      }
      expect(waits).toEqual(['60', '120', '240']);
      await system.dataSource.query(`UPDATE sign_in_failures SET failures = 40 WHERE client = $1`, [client]);
      expect((await signIn('victim', 'wrong', client)).headers['retry-after']).toBe(String(MAX_BACKOFF_MS / 1000));
    });

    it('holds across API instances (PostgreSQL, not memory): a second API on the same database backs X off too', async () => {
      const client = '203.0.113.12';
      // Its log goes to stdout like the first's: Nest's Logger is one per process (the last app made writes it).
      const second = await createApiApp({ ...system.env, DATABASE_URL: system.env.DATABASE_URL! });
      await second.init();
      try {
        for (let i = 0; i < 5; i++) await signIn('victim', 'wrong', client);
        const elsewhere = await signIn('victim', passwords.victim, client, second);
        expect(elsewhere.status).toBe(429);
        expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(50);
        expect((await signIn('victim', passwords.victim, Y, second)).status).toBe(201);
      } finally {
        await second.close();
      }
    });

    it('backs off an unknown login the same way, so that the back-off does not tell which logins exist', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await signIn('ghost', 'whatever-it-is', X)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      expect((await signIn('ghost', 'whatever-it-is', Y)).status).toBe(401);
    });

    it('records each failure with the client as actor and the account as subject, and the start of a back-off as session.lockout', async () => {
      const client = '203.0.113.13';
      const victimId = (await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'victim' })).id;
      for (let i = 0; i < 7; i++) await signIn('victim', `wrong-${i}`, client);
      const auditor = (await signIn('audrey', passwords.auditor)).body.token;
      const actor = encodeURIComponent(signInClientActor(client));
      expect(signInClientActor(client)).toBe(`client ${client}`);
      const refusals = (await get(`/v1/admin/audit?actor=${actor}&action=session.refuse`, auditor)).body.entries;
      // 5 counted failures; the two attempts during the wait were not looked at, so not recorded one by one.
      expect(refusals).toHaveLength(5);
      for (const entry of refusals) expect(entry).toMatchObject({ actor: `client ${client}`, subject: victimId, details: { reason: 'wrong-password' } });
      expect(refusals.map((e: { details: { failures: number } }) => e.details.failures)).toEqual([5, 4, 3, 2, 1]);
      const lockouts = (await get(`/v1/admin/audit?action=session.lockout&subject=${victimId}&actor=${actor}`, auditor)).body.entries;
      expect(lockouts).toHaveLength(1);
      expect(lockouts[0]).toMatchObject({ actor: `client ${client}`, subject: victimId, details: { client, reason: 'wrong-password', failures: 5, blockedUntil: expect.any(String) } });
      // Nothing was recorded as done by the account itself.
      expect((await get(`/v1/admin/audit?actor=${encodeURIComponent(`ecma-operator ${victimId}`)}&action=session.refuse`, auditor)).body.entries).toEqual([]);
      // An unknown login: the client as actor, no subject, never the typed text.
      const ghost = (await get(`/v1/admin/audit?actor=${encodeURIComponent(signInClientActor(X))}&action=session.lockout`, auditor)).body.entries;
      expect(ghost.find((e: { subject: string | null }) => e.subject === null)).toMatchObject({ details: { client: X, reason: 'unknown-login' } });
      // The alert also reaches the log (for monitoring), with the client and the account only.
      expect(logged.join('\n')).toContain(`sign-in back-off: client ${client} on staff account ${victimId}`);
    });

    it('staff:unlock clears the back-off of one client (--client) or of all, and is audited', async () => {
      const [A, B] = ['203.0.113.21', '203.0.113.22'];
      for (const client of [A, B]) for (let i = 0; i < 5; i++) await signIn('target', 'wrong', client);
      for (const client of [A, B]) expect((await signIn('target', passwords.target, client)).status).toBe(429);
      const url = system.env.DATABASE_URL!;

      const one = await cli(url, ['staff:unlock', '--login', 'Target', '--client', A]);
      expect(one).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^unlocked staff account target .*cleared the sign-in back-off of ${A}\\n$`)) });
      expect((await signIn('target', passwords.target, A)).status).toBe(201);
      expect((await signIn('target', passwords.target, B)).status).toBe(429);

      for (let i = 0; i < 5; i++) await signIn('target', 'wrong', A);
      const all = await cli(url, ['staff:unlock', '--login', 'target']);
      expect(all).toMatchObject({ code: 0, stdout: expect.stringContaining(`cleared the sign-in back-off of ${A}, ${B}`) });
      for (const client of [A, B]) expect((await signIn('target', passwords.target, client)).status).toBe(201);
      expect(await cli(url, ['staff:unlock', '--login', 'target'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/no sign-in failures were held against it/) });
      expect(await cli(url, ['staff:unlock', '--login', 'nobody-at-all'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no staff account nobody-at-all/) });
      expect(await cli(url, ['staff:unlock'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --login/) });

      const targetId = (await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'target' })).id;
      const auditor = (await signIn('audrey', passwords.auditor)).body.token;
      const unlocks = (await get(`/v1/admin/audit?action=staff.unlock&subject=${targetId}`, auditor)).body.entries;
      expect(unlocks.map((e: { actor: string; details: unknown }) => [e.actor, e.details])).toEqual([
        [expect.stringMatching(/^cli /), { client: 'all', clearedClients: [] }],
        [expect.stringMatching(/^cli /), { client: 'all', clearedClients: [A, B] }],
        [expect.stringMatching(/^cli /), { client: A, clearedClients: [A] }],
      ]);
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
      const opened = await holders.open({ subscriptionId });
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
      expect(ok.req.holderActor).toEqual({ kind: 'holder', subscriptionId, subscriptionIds: [subscriptionId] });
      await expect(guard.canActivate(context().context)).rejects.toMatchObject({ status: 401 });

      expect((await get('/v1/admin/audit/verification', opened.token)).status).toBe(401);
      await system.dataSource.query(`UPDATE holder_sessions SET expires_at = now() - interval '1 second'`);
      await expect(guard.canActivate(context(`Bearer ${opened.token}`).context)).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('audit of sign-ins', () => {
    it('records session.open with the client, refusals never as the account, never a login or a password; the chain verifies', async () => {
      const auditor = (await signIn('audrey', passwords.auditor)).body.token;
      const audreyId = (await system.dataSource.getRepository(StaffAccountRecord).findOneByOrFail({ login: 'audrey' })).id;
      const opened = (await get(`/v1/admin/audit?action=session.open&subject=${audreyId}&limit=1`, auditor)).body.entries[0];
      expect(opened).toMatchObject({ actor: `auditor ${audreyId}`, details: { client: expect.stringMatching(/127\.0\.0\.1/) } });
      const refusals = (await get('/v1/admin/audit?action=session.refuse&limit=200', auditor)).body.entries;
      expect(refusals.length).toBeGreaterThan(20);
      expect(refusals.every((e: { actor: string }) => /^client \S+$/.test(e.actor))).toBe(true);
      const all = await get('/v1/admin/audit?limit=200', auditor);
      expect(all.text).not.toMatch(/ghost|nobody-here|victim|audrey|target/);
      expect((await get('/v1/admin/audit/verification', auditor)).body).toEqual({ ok: true, count: expect.any(Number) });
      expect(await cli(system.env.DATABASE_URL!, ['audit:verify'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK \d+ entries/) });
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

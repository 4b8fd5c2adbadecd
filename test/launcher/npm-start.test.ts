import { afterAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subscriptionWorkflowId } from '#libs/contract';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { freePort, projectRoot } from '#libs/dev-stack';
import { tokenFromMail } from '../support/lifecycle-driver.js';

const LAUNCHER = join(projectRoot(), 'dist/apps/launcher/src/main.js');

interface Launched {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Launched {
  // As a user starts it: no SOFTHSM2_CONF inherited from an earlier test file of this jest worker.
  const { SOFTHSM2_CONF: _inherited, ...userEnvironment } = process.env;
  const child = spawn(process.execPath, [LAUNCHER], { env: { ...userEnvironment, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForOutput(launched: Launched, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!launched.output().includes(text)) {
    if (launched.process.exitCode !== null) throw new Error(`launcher exited:\n${launched.output()}`);
    if (Date.now() > deadline) throw new Error(`"${text}" not seen:\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start (the launcher, as a user runs it)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('stops with a message naming a bad variable, before starting anything', async () => {
    const launched = launch({ API_PORT: 'eighty' });
    expect(await launched.exited).toBe(78);
    expect(launched.output()).toMatch(/API_PORT must be a port number between 1 and 65535 \(got "eighty"\)/);
  });

  it('starts everything, stops cleanly on SIGINT, and finds its data on the next start', async () => {
    const varDir = await mkdtemp(join(tmpdir(), 'signexpert-launcher-'));
    await chmod(varDir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach var/postgres
    cleanups.push(() => rm(varDir, { recursive: true, force: true }));
    const ports = { API_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), EMBEDDED_POSTGRES_PORT: await freePort() };
    const env = { VAR_DIR: varDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
    const api = `http://127.0.0.1:${ports.API_PORT}`;

    const first = launch(env);
    cleanups.push(async () => first.process.kill('SIGKILL'));
    await waitForOutput(first, 'Ctrl-C stops everything');
    expect(first.output()).toContain(`Web UI: http://127.0.0.1:${ports.TEMPORAL_UI_PORT}`);
    expect(first.output()).not.toContain('signexpert-dev'); // the database password is masked
    const health = await fetch(`${api}/health`);
    expect(health.status).toBe(200);
    // The zero-setup console: bootstrap staff accounts whose password is in a 0600 file, never printed.
    const bootstrapFile = join(varDir, 'bootstrap-staff.txt');
    expect(first.output()).toContain(`Staff console  ${api}/console`);
    expect((await stat(bootstrapFile)).mode & 0o777).toBe(0o600);
    const bootstrap = await readFile(bootstrapFile, 'utf8');
    const password = /^password: (\S+)$/m.exec(bootstrap)![1]!;
    expect(first.output()).not.toContain(password);
    expect((await fetch(`${api}/console/revues`)).status).toBe(200);
    const staffSignIn = await fetch(`${api}/v1/admin/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'ecma', password }),
    });
    expect(staffSignIn.status).toBe(201);
    expect(await staffSignIn.json()).toMatchObject({ role: 'ecma-operator' });
    // A fresh installation publishes a first CRL per region: the URL in the certificates answers at once.
    await eventually(async () => (await fetch(`${api}/pki/crl/IDF.crl`)).status === 200);
    const registered = await fetch(`${api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        givenName: 'Louis',
        surname: 'Martin',
        email: 'louis.martin@example.fr',
        registrationNumber: '75000123',
        region: 'IDF',
        postalAddress: ['10 rue de Rivoli', '75001 Paris'],
        acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
      }),
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    // The worker is up too: the email proof lands in the .eml outbox, and its link signs the holder in.
    const outbox = join(varDir, 'outbox');
    let proof = '';
    await eventually(async () => {
      const files = existsSync(outbox) ? (await readdir(outbox)).filter((f) => f.endsWith('.eml')) : [];
      for (const file of files) {
        // Quoted-printable: undo soft line breaks and '=3D' before reading the link.
        const text = (await readFile(join(outbox, file), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        if (text.includes(id) && text.includes('/portail/confirmation?token=')) proof = text;
      }
      return proof !== '';
    });
    const confirmed = await fetch(`${api}/v1/subscriptions/email-confirmations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokenFromMail(proof) }),
    });
    expect(confirmed.status).toBe(200);
    const { session } = (await confirmed.json()) as { session: { token: string } };
    const bearer = { authorization: `Bearer ${session.token}` };

    first.process.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('[launcher] stopped');
    await expect(fetch(`${api}/health`)).rejects.toThrow();

    const second = launch(env);
    cleanups.push(async () => second.process.kill('SIGKILL'));
    await waitForOutput(second, 'Ctrl-C stops everything');
    // The bootstrap accounts are made once: a restart neither recreates them nor changes the password.
    expect(await readFile(join(varDir, 'bootstrap-staff.txt'), 'utf8')).toBe(bootstrap);
    const read = await fetch(`${api}/v1/subscriptions/${id}`, { headers: bearer });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, state: 'AWAITING_DOCUMENTS' });
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    try {
      const description = await new Client({ connection }).workflow.getHandle(subscriptionWorkflowId(id)).describe();
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await connection.close();
    }
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 240_000);
});

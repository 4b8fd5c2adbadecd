import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, projectRoot } from '#libs/dev-stack';

const LAUNCHER = join(projectRoot(), 'dist/apps/launcher/src/main.js');
const DEMO = join(projectRoot(), 'scripts/demo.mjs');

interface Started {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(script: string, env: Record<string, string>): Started {
  // As a user runs it: no SOFTHSM2_CONF inherited from an earlier test file of this jest worker.
  const { SOFTHSM2_CONF: _inherited, ...userEnvironment } = process.env;
  const child = spawn(process.execPath, [script], { cwd: projectRoot(), env: { ...userEnvironment, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function waitForOutput(started: Started, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.process.exitCode !== null) throw new Error(`launcher exited:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`"${text}" not seen:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `npm start`, then `npm run demo`: the whole scenario a person would watch, on embedded defaults. */
describe('npm run demo (against a running npm start)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('plays registration to ACTIVE, then the CRL and OCSP checks, and exits 0', async () => {
    const varDir = await mkdtemp(join(tmpdir(), 'signexpert-demo-'));
    await chmod(varDir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach var/postgres
    cleanups.push(() => rm(varDir, { recursive: true, force: true }));
    const ports = { API_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), EMBEDDED_POSTGRES_PORT: await freePort() };
    const env = { VAR_DIR: varDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };

    const system = start(LAUNCHER, env);
    cleanups.push(async () => system.process.kill('SIGKILL'));
    await waitForOutput(system, 'Ctrl-C stops everything');

    const demo = start(DEMO, { ...env, API_URL: `http://127.0.0.1:${ports.API_PORT}` });
    cleanups.push(async () => demo.process.kill('SIGKILL'));
    const code = await demo.exited;
    if (code !== 0) throw new Error(`demo exited ${code}:\n${demo.output()}`);
    const output = demo.output();
    expect(output).toMatch(/ÉTAT FINAL : ACTIVE/);
    expect(output).toContain('verify OK'); // the CRL, by openssl
    expect(output).toMatch(/: good\s[\s\S]*Response verify OK/); // the OCSP answer, by openssl
    expect(output).toMatch(/activation-letter-[0-9a-f-]+\.pdf/);
    expect(output).toMatch(/Démonstration terminée : demande [0-9a-f-]+ ACTIVE/);

    system.process.kill('SIGINT');
    expect(await system.exited).toBe(0);
  }, 300_000);
});

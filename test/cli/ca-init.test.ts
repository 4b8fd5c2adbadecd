import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '#libs/dev-stack';

const CLI = join(projectRoot(), 'dist/apps/cli/src/main.js');

function caInit(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'ca:init'], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The key ceremony as an operator runs it (issue 3): idempotent, never replacing a key. */
describe('ca:init (operator command)', () => {
  let varDir: string;
  afterAll(async () => {
    if (varDir) await rm(varDir, { recursive: true, force: true });
  });

  it('creates the hierarchy once, then only loads it, with the same certificates', async () => {
    varDir = await mkdtemp(join(tmpdir(), 'signexpert-ca-init-'));
    await chmod(varDir, 0o755);
    const env = { VAR_DIR: varDir, CA_KEY_PASSPHRASE: 'a long enough passphrase' };
    const first = await caInit(env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/: initialised by cli /);
    expect(first.stdout).toMatch(/root\s+root\s+key generated certificate issued/);
    expect(first.stdout.match(/issuing-ca/g)).toHaveLength(16);
    const second = await caInit(env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: already-initialised by cli /);
    const fingerprints = (out: string) => out.match(/sha256 [0-9A-F]{64}/g);
    expect(fingerprints(second.stdout)).toEqual(fingerprints(first.stdout));
    expect(second.stdout).not.toMatch(/key generated/);
  });

  it('refuses a wrong passphrase without touching the keys', async () => {
    const refused = await caInit({ VAR_DIR: varDir, CA_KEY_PASSPHRASE: 'another long passphrase' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/passphrase does not open/);
    expect(refused.stderr).not.toContain('another long passphrase');
  });
});

import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '#libs/dev-stack';
import { SOFTHSM_LIBRARY } from './support/softhsm.js';

const run = promisify(execFile);
const FIXTURE = join(projectRoot(), 'test', 'ca-core', 'fixtures', 'concurrent-personalisation.mjs');
const CA_CORE = join(projectRoot(), 'dist', 'libs', 'ca-core', 'src', 'index.js');
const TOKENS = 80;
const ROUNDS = 3;

/**
 * Many holder tokens personalised at once in one process (a worker under load). graphene runs key
 * generation and signing on libuv's threads: with C_Initialize not allowing OS locking, SoftHSM
 * took no locks and these runs failed with CKR_OBJECT_HANDLE_INVALID or CKR_GENERAL_ERROR, left
 * half-made key pairs, or crashed the process (double free, SIGSEGV) in about half of the rounds.
 * Each round runs in a child process, so that a crash fails the test instead of killing jest.
 */
describe('concurrent token personalisation in one process (SoftHSM, child processes)', () => {
  it(`personalises ${TOKENS} tokens at once, ${ROUNDS} times, without a failure or a crash`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const directory = await mkdtemp(join(tmpdir(), 'signexpert-concurrent-tokens-'));
      const { stdout } = await run(process.execPath, [FIXTURE, CA_CORE, directory, SOFTHSM_LIBRARY, String(TOKENS)], { timeout: 120_000 }).catch(
        (error: { code?: number; signal?: string; stderr?: string }) => {
          throw new Error(`round ${round + 1}: the process ended with ${error.signal ?? `exit code ${error.code}`}: ${error.stderr?.slice(0, 500)}`);
        },
      );
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ count: TOKENS, failures: [] });
    }
  }, 400_000);
});

import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SOFTHSM_LIBRARY = process.env.SOFTHSM2_LIBRARY ?? '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsm {
  readonly directory: string;
  readonly library: string;
  /** Initialises a token with softhsm2-util (a separate process, as an operator would). */
  initToken(label: string, soPin: string, userPin: string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A private SoftHSM: its own config and token directory under os.tmpdir(). SOFTHSM2_CONF is set
 * in this process before any PKCS#11 library is initialised (SoftHSM reads it in C_Initialize).
 */
export async function createSoftHsm(): Promise<SoftHsm> {
  const directory = await mkdtemp(join(tmpdir(), 'signexpert-softhsm-'));
  const tokens = join(directory, 'tokens');
  await mkdir(tokens);
  const conf = join(directory, 'softhsm2.conf');
  await writeFile(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  setNativeEnvironment('SOFTHSM2_CONF', conf);
  return {
    directory,
    library: SOFTHSM_LIBRARY,
    async initToken(label, soPin, userPin) {
      await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', userPin], {
        env: { ...process.env, SOFTHSM2_CONF: conf },
      });
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * Sets a variable in the real process environment, the one the native SoftHSM library reads
 * with getenv(3). Under jest, `process.env` is a sandbox copy whose writes never reach the C
 * environment; the Function constructor of a host object (Buffer comes from the outer realm)
 * evaluates in the host realm, where `process` is Node's own.
 */
export function setNativeEnvironment(name: string, value: string): void {
  process.env[name] = value;
  const hostFunction = (Buffer as unknown as { constructor: FunctionConstructor }).constructor;
  const hostProcess = hostFunction('return process')() as NodeJS.Process;
  hostProcess.env[name] = value;
}

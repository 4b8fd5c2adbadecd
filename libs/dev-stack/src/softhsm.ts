import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * A SoftHSM configuration of our own (its token directory under `directory`), standing in for
 * the HSM and the holders' USB tokens. Returns the path to give the process as SOFTHSM2_CONF,
 * which SoftHSM reads when the PKCS#11 library is initialised.
 */
export async function prepareSoftHsm(directory: string): Promise<string> {
  const root = resolve(directory);
  const tokens = join(root, 'tokens');
  await mkdir(tokens, { recursive: true });
  const conf = join(root, 'softhsm2.conf');
  await writeFile(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  return conf;
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The secrets a zero-setup installation needs; a real deployment passes them in its environment. */
export const LOCAL_SECRET_NAMES = ['TEMPORAL_PAYLOAD_KEY', 'EMAIL_TOKEN_SECRET', 'DOCUMENT_KEY', 'CA_KEY_PASSPHRASE', 'TOKEN_SO_PIN'] as const;
export type LocalSecrets = Record<(typeof LOCAL_SECRET_NAMES)[number], string>;

/**
 * Reads VAR_DIR/secrets.json, creating it (mode 0600) with fresh random values on first start.
 * They must survive restarts: payloads, mailed links, CA keys and tokens were made under them.
 */
export async function loadOrCreateLocalSecrets(path: string): Promise<LocalSecrets> {
  const existing: Partial<LocalSecrets> = existsSync(path) ? JSON.parse(await readFile(path, 'utf8')) : {};
  const secrets: LocalSecrets = {
    TEMPORAL_PAYLOAD_KEY: existing.TEMPORAL_PAYLOAD_KEY ?? randomBytes(32).toString('base64'),
    EMAIL_TOKEN_SECRET: existing.EMAIL_TOKEN_SECRET ?? randomBytes(32).toString('base64'),
    DOCUMENT_KEY: existing.DOCUMENT_KEY ?? randomBytes(32).toString('base64'),
    CA_KEY_PASSPHRASE: existing.CA_KEY_PASSPHRASE ?? randomBytes(24).toString('base64url'),
    TOKEN_SO_PIN: existing.TOKEN_SO_PIN ?? randomBytes(12).toString('base64url'),
  };
  if (LOCAL_SECRET_NAMES.some((name) => existing[name] !== secrets[name])) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return secrets;
}

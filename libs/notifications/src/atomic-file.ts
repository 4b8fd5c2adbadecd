import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either nothing or the whole of it: the bytes go to a hidden
 * temporary file in the same folder (same file system, so rename is atomic), flushed to disk,
 * then renamed over the target — replacing a previous version in one step.
 * Temporary names start with a dot and end with `.tmp`, so folder watchers that pick `*.eml` or
 * `*.pdf` never see them.
 */
export async function writeFileAtomically(path: string, data: Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

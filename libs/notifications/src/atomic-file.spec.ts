import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file.js';

describe('writeFileAtomically', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'notifications-atomic-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('replaces a file by renaming a complete new one over it, leaving no temporary file', async () => {
    const path = join(folder, 'letter.pdf');
    await writeFile(path, 'old version');
    const before = await stat(path);
    await writeFileAtomically(path, Buffer.from('new version'), { mode: 0o600 });
    const after = await stat(path);
    expect(await readFile(path, 'utf8')).toBe('new version');
    // A new inode: the old file was swapped, not truncated and rewritten in place.
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['letter.pdf']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const target = join(folder, 'target');
    await mkdir(target); // renaming a file over a folder fails
    await expect(writeFileAtomically(target, Buffer.from('x'))).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['target']);
  });
});

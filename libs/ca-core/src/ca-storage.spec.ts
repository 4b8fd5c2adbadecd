import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemCaStorage } from './ca-storage.js';
import { StorageConflictError } from './errors.js';

describe('filesystem CA storage', () => {
  it('creates entries once, replaces counters, lists, and leaves no temporary files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ca-storage-spec-'));
    try {
      const storage = new FilesystemCaStorage(directory);
      await storage.create('certificates/root.crt', Buffer.from('root'));
      await expect(storage.create('certificates/root.crt', Buffer.from('other'))).rejects.toBeInstanceOf(StorageConflictError);
      expect((await storage.read('certificates/root.crt'))!.toString()).toBe('root');
      await storage.replace('crl-numbers/IDF', Buffer.from('1'));
      await storage.replace('crl-numbers/IDF', Buffer.from('2'));
      expect((await storage.read('crl-numbers/IDF'))!.toString()).toBe('2');
      expect(await storage.list('certificates/')).toEqual(['certificates/root.crt']);
      expect(await storage.read('absent')).toBeUndefined();
      expect(await readdir(join(directory, 'certificates'))).toEqual(['root.crt']);
      expect((await stat(join(directory, 'certificates/root.crt'))).mode & 0o777).toBe(0o600);
      await expect(storage.read('../escape')).rejects.toThrow(/invalid storage entry name/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

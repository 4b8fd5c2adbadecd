import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StorageConflictError } from './errors.js';

/**
 * The little state the CA keeps between runs: CA certificates, software key files, ceremony
 * records, CRL numbers. Entries are named by relative paths ("certificates/IDF.crt").
 * Callers choose where it lives; `FilesystemCaStorage` is the default.
 */
export interface CaStorage {
  read(name: string): Promise<Buffer | undefined>;
  /** Creates `name`; throws StorageConflictError if it exists (keys and CA certificates are never overwritten). */
  create(name: string, data: Uint8Array): Promise<void>;
  /** Replaces `name` atomically (a reader sees the old or the new content, never a mix). */
  replace(name: string, data: Uint8Array): Promise<void>;
  /** Names under `prefix` ("ceremonies/"), sorted. */
  list(prefix: string): Promise<string[]>;
}

const ENTRY_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function assertEntryName(name: string): void {
  if (!ENTRY_NAME.test(name) || name.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`invalid storage entry name ${JSON.stringify(name)}`);
  }
}

/** A directory given by the caller; files are private to the process owner (0600, directories 0700). */
export class FilesystemCaStorage implements CaStorage {
  constructor(readonly directory: string) {}

  async read(name: string): Promise<Buffer | undefined> {
    assertEntryName(name);
    try {
      return await readFile(join(this.directory, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async create(name: string, data: Uint8Array): Promise<void> {
    assertEntryName(name);
    const path = join(this.directory, name);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write to a temporary file, then link it into place: link(2) fails if the target exists, so a
    // crash leaves either no entry or a complete one, and an existing entry is never replaced.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeDurably(temporary, data);
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new StorageConflictError(`${name} already exists`);
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async replace(name: string, data: Uint8Array): Promise<void> {
    assertEntryName(name);
    const path = join(this.directory, name);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeDurably(temporary, data);
    await rename(temporary, path);
  }

  async list(prefix: string): Promise<string[]> {
    const folder = prefix.endsWith('/') ? prefix.slice(0, -1) : dirname(prefix);
    const start = folder === '.' ? '' : `${folder}/`;
    let names: string[];
    try {
      names = await readdir(join(this.directory, folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => !name.endsWith('.tmp'))
      .map((name) => start + name)
      .filter((name) => name.startsWith(prefix))
      .sort();
  }
}

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** In-memory storage for unit tests and throw-away hierarchies. */
export class MemoryCaStorage implements CaStorage {
  private readonly entries = new Map<string, Buffer>();

  async read(name: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(name);
    return entry && Buffer.from(entry);
  }

  async create(name: string, data: Uint8Array): Promise<void> {
    assertEntryName(name);
    if (this.entries.has(name)) throw new StorageConflictError(`${name} already exists`);
    this.entries.set(name, Buffer.from(data));
  }

  async replace(name: string, data: Uint8Array): Promise<void> {
    assertEntryName(name);
    this.entries.set(name, Buffer.from(data));
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((name) => name.startsWith(prefix)).sort();
  }
}

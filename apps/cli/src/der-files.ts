import { readFile } from 'node:fs/promises';
import { UsageError } from './read-password.js';

/** Reads a file a command was given; a missing or unreadable file is a usage error (exit 2). */
export async function readInputFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}${code ? ` (${code})` : ''}`);
  }
}

/**
 * The DER objects in a file: the file itself when it is DER, else every PEM block in it (a chain
 * file may hold several certificates). Relying parties get both from browsers and openssl.
 */
export function derObjects(content: Buffer): Buffer[] {
  const text = content.subarray(0, 64).toString('latin1');
  if (!text.trimStart().startsWith('-----BEGIN ')) return [content];
  const blocks = [...content.toString('latin1').matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  return blocks.map((block) => Buffer.from(block[2].replace(/\s+/g, ''), 'base64'));
}

import { describe, expect, it } from '@jest/globals';
import { parseCommandLine } from './command-line.js';
import { prepareCommand } from './commands.js';
import { UsageError } from './read-password.js';

describe('parseCommandLine', () => {
  it('reads the options and positionals it is given', () => {
    const { values, positionals } = parseCommandLine({ args: ['doc.pdf', '--out', 'sig.p7s'], allowPositionals: true, options: { out: { type: 'string' } } });
    expect(values.out).toBe('sig.p7s');
    expect(positionals).toEqual(['doc.pdf']);
  });

  it('turns an unknown option into a usage error naming it (exit code 2)', () => {
    const parse = () => parseCommandLine({ args: ['--outt', 'x'], options: { out: { type: 'string' } } });
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(/--outt/);
  });
});

describe('staff commands on the command line', () => {
  it('refuse a password given as an option, saying where it goes instead, before reading anything', async () => {
    const prepared = prepareCommand(['staff:create', '--login', 'l', '--name', 'N', '--role', 'auditor', '--password', 'secret-in-history']);
    await expect(prepared).rejects.toThrow(UsageError);
    await expect(prepared).rejects.toThrow('a password never goes on the command line: use --password-stdin or --password-env VAR');
  });
});

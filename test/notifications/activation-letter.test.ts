import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGIONS } from '#libs/domain';
import { type ActivationLetterRequest, readActivationLetter, writeActivationLetter } from '#libs/notifications';

const ACTIVATION_CODE = '73915468';
const NEXT_ACTIVATION_CODE = '50286431';

/** The activation letter in the postal spool (contract §5, §7.2, §12.2). */
describe('activation letter', () => {
  let spool: string;
  let request: ActivationLetterRequest;

  beforeEach(async () => {
    spool = join(await mkdtemp(join(tmpdir(), 'notifications-spool-')), 'postal-spool');
    request = {
      spoolDirectory: spool,
      subscriptionCycleId: 'subscription-7f3e-cycle-1',
      holder: { givenName: 'Élodie', surname: 'Martin', postalAddress: ['Cabinet Martin', '12 rue de la Paix', '75002 Paris'] },
      region: 'IDF',
      tokenReference: 'SN-0042-7781',
      issuedAt: '2026-05-01T08:00:00Z',
    };
  });

  afterEach(async () => {
    await rm(join(spool, '..'), { recursive: true, force: true });
  });

  it('carries the holder, the postal address, the token reference and the code, read back as the holder would', async () => {
    const receipt = await writeActivationLetter(request, ACTIVATION_CODE, { log: () => undefined });

    expect(receipt).toEqual({ subscriptionCycleId: 'subscription-7f3e-cycle-1', path: join(spool, 'activation-letter-subscription-7f3e-cycle-1.pdf') });
    const pdf = await readFile(receipt.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const letter = readActivationLetter(pdf);
    expect(letter.activationCode).toBe(ACTIVATION_CODE);
    expect(letter.text).toContain('Élodie Martin\nCabinet Martin\n12 rue de la Paix\n75002 Paris');
    expect(letter.text).toContain('Clé cryptographique USB n° SN-0042-7781');
    expect(letter.text).toContain('Le 1er mai 2026');
    expect(letter.text.replace(/\n/g, ' ')).toContain(REGIONS.IDF);
    expect(letter.text).toContain('Ne conservez jamais ce code avec la clé USB');
    expect(letter.text).toContain('ni ECMA, ni le CROEC, ni ses agents');
  });

  it('keeps the code out of the PDF metadata and makes the file readable by its owner only', async () => {
    const { path } = await writeActivationLetter(request, ACTIVATION_CODE, { log: () => undefined });
    // Uncompressed parts of the file: the trailer, the info dictionary, object headers.
    expect((await readFile(path)).toString('latin1')).not.toContain(ACTIVATION_CODE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('replaces the letter of the cycle on a retry: one file, swapped whole, with the latest code', async () => {
    const first = await writeActivationLetter(request, ACTIVATION_CODE, { log: () => undefined });
    const firstInode = (await stat(first.path)).ino;
    const second = await writeActivationLetter(request, NEXT_ACTIVATION_CODE, { log: () => undefined });

    expect(second.path).toBe(first.path);
    expect(await readdir(spool)).toEqual(['activation-letter-subscription-7f3e-cycle-1.pdf']);
    expect((await stat(second.path)).ino).not.toBe(firstInode);
    const letter = readActivationLetter(await readFile(second.path));
    expect(letter.activationCode).toBe(NEXT_ACTIVATION_CODE);
    expect(letter.text).not.toContain(ACTIVATION_CODE);
  });

  it('never shows a reader half a letter while it is being rewritten', async () => {
    await writeActivationLetter(request, ACTIVATION_CODE, { log: () => undefined });
    const codes = [ACTIVATION_CODE, NEXT_ACTIVATION_CODE];
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 15; round++) await writeActivationLetter(request, codes[round % 2], { log: () => undefined });
      writing = false;
    })();
    const read: string[] = [];
    const torn: unknown[] = [];
    while (writing) {
      try {
        read.push(readActivationLetter(await readFile(join(spool, 'activation-letter-subscription-7f3e-cycle-1.pdf'))).activationCode);
      } catch (error) {
        torn.push(error);
      }
    }
    await writer;
    expect(torn).toEqual([]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((code) => codes.includes(code))).toBe(true);
  });

  it('keeps the code out of everything logged, out of its result and out of its errors', async () => {
    const output: string[] = [];
    const capture = (...args: unknown[]): void => {
      output.push(args.map(String).join(' '));
    };
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(capture));
    const streamSpies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        output.push(String(chunk));
        return true;
      }),
    );
    try {
      // The default log (console), so that a line quoting the code anywhere would be caught.
      const receipt = await writeActivationLetter(request, ACTIVATION_CODE);
      expect(JSON.stringify(receipt)).not.toContain(ACTIVATION_CODE);
      const failure = await writeActivationLetter({ ...request, subscriptionCycleId: '../escape' }, ACTIVATION_CODE).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(`${(failure as Error).message} ${(failure as Error).stack}`).not.toContain(ACTIVATION_CODE);
    } finally {
      for (const spy of [...consoleSpies, ...streamSpies]) spy.mockRestore();
    }
    expect(output.join('\n')).toContain('activation letter of cycle subscription-7f3e-cycle-1 written');
    expect(output.join('\n')).not.toContain(ACTIVATION_CODE);
  });
});

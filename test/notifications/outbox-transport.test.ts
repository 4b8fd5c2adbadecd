import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createMailer, emailProofRequest, isOutboxFileName, messageIdForKey, type Mailer } from '#libs/notifications';

/** The zero-setup transport: `.eml` files in a folder. */
describe('mail to the .eml outbox', () => {
  let outbox: string;
  let now: Date;
  let mailer: Mailer;

  beforeEach(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'notifications-outbox-'));
    now = new Date('2026-03-02T08:00:00.000Z');
    mailer = createMailer(
      { from: 'SIGNEXPERT <no-reply@signexpert.fr>', transport: { kind: 'outbox', directory: outbox, clock: () => now } },
      { log: () => undefined },
    );
  });

  afterEach(async () => {
    await mailer.close();
    await rm(outbox, { recursive: true, force: true });
  });

  const emlFiles = async (): Promise<string[]> => (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort();

  it('writes one RFC 5322 message a mail client can read', async () => {
    const rendered = emailProofRequest({
      holder: { givenName: 'Élodie', surname: 'Martin' },
      proofUrl: 'https://www.signexpert.fr/preuve?token=abc',
      expiresAt: '2026-03-04T08:00:00Z',
    });
    const receipt = await mailer.send({ to: 'elodie.martin@cabinet-martin.fr', ...rendered, idempotencyKey: 'cycle-1/email-proof/1' });

    const files = await emlFiles();
    expect(files).toHaveLength(1);
    expect(isOutboxFileName(files[0])).toBe(true);
    expect(files[0]).toMatch(/^20260302T080000000Z-/);
    expect(receipt.location).toBe(join(outbox, files[0]));
    const parsed = await simpleParser(await readFile(receipt.location));
    expect(parsed.subject).toBe('SIGNEXPERT – Confirmez votre adresse électronique');
    expect(parsed.text?.trim()).toBe(rendered.text.trim());
    expect(parsed.messageId).toBe(messageIdForKey('cycle-1/email-proof/1', 'signexpert.fr'));
    expect(parsed.to).toMatchObject({ value: [{ address: 'elodie.martin@cabinet-martin.fr' }] });
    expect(parsed.from).toMatchObject({ value: [{ address: 'no-reply@signexpert.fr', name: 'SIGNEXPERT' }] });
  });

  it('does not write a message twice for the same idempotency key, even from a new mailer (a retried activity)', async () => {
    const message = { to: 'a@cabinet.fr', subject: 'SIGNEXPERT – Test', text: 'Bonjour', idempotencyKey: 'cycle-1/issued' };
    const first = await mailer.send(message);
    now = new Date('2026-03-02T08:05:00.000Z');
    const again = await mailer.send(message);
    const afterRestart = createMailer({ from: 'no-reply@signexpert.fr', transport: { kind: 'outbox', directory: outbox } }, { log: () => undefined });
    const third = await afterRestart.send(message);
    await afterRestart.close();

    expect(await emlFiles()).toHaveLength(1);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(third).toMatchObject({ duplicate: true, location: first.location, messageId: first.messageId });
  });

  it('writes once when the same key is sent concurrently', async () => {
    const message = { to: 'a@cabinet.fr', subject: 'SIGNEXPERT – Test', text: 'Bonjour', idempotencyKey: 'cycle-1/concurrent' };
    const receipts = await Promise.all(Array.from({ length: 5 }, () => mailer.send(message)));
    expect(await emlFiles()).toHaveLength(1);
    expect(receipts.filter((receipt) => !receipt.duplicate)).toHaveLength(1);
  });

  it('writes every message with a different key or no key, listed in sending order', async () => {
    const sent: string[] = [];
    for (const [index, key] of ['k1', 'k2', undefined, undefined].entries()) {
      now = new Date(Date.UTC(2026, 2, 2, 8, 0, 0, Math.floor(index / 2))); // two sends share each millisecond
      sent.push((await mailer.send({ to: 'a@cabinet.fr', subject: `SIGNEXPERT – n°${index}`, text: 'x', idempotencyKey: key })).location);
    }
    const files = await emlFiles();
    expect(files.map((name) => join(outbox, name))).toEqual(sent);
  });

  it('leaves nothing but .eml files and its key records in the folder', async () => {
    await mailer.send({ to: 'a@cabinet.fr', subject: 'SIGNEXPERT – Test', text: 'x', idempotencyKey: 'k' });
    const entries = await readdir(outbox);
    expect(entries.filter((name) => !name.endsWith('.eml'))).toEqual(['.sent-keys']);
    expect(entries.some((name) => name.endsWith('.tmp'))).toBe(false);
  });
});

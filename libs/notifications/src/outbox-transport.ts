import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import nodemailer from 'nodemailer';
import { writeFileAtomically } from './atomic-file.js';
import type { OutboxTransportOptions } from './mailer-config.js';
import { idempotencyDigest } from './message-id.js';
import type { ComposedMail, MailReceipt, MailTransport } from './outgoing-mail.js';
import { toNodemailerMessage } from './nodemailer-message.js';
import { outboxFileName } from './outbox-file-name.js';

/** Where keyed messages are remembered: one small file per idempotency key, naming its `.eml`. */
const SENT_KEYS_FOLDER = '.sent-keys';

/**
 * The zero-setup transport: each message becomes an RFC 5322 `.eml` file in a folder, readable
 * by any mail client and by tests. Messages sent with an idempotency key are written once: the
 * key's record is checked before writing and created after the `.eml` is in place. A crash
 * between the two makes the retry write the message again (at least once, never lost), with the
 * same Message-ID. Sends of one key in this process are serialised; two processes racing on the
 * same key (Temporal retrying an activity that is still running elsewhere) may both write.
 */
export function createOutboxTransport(options: Omit<OutboxTransportOptions, 'kind'>): MailTransport {
  const clock = options.clock ?? (() => new Date());
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const inFlight = new Map<string, Promise<MailReceipt>>();
  let folderReady: Promise<unknown> | undefined;

  async function ensureFolders(): Promise<void> {
    folderReady ??= mkdir(join(options.directory, SENT_KEYS_FOLDER), { recursive: true, mode: 0o700 });
    await folderReady;
  }

  async function write(mail: ComposedMail): Promise<string> {
    const info = await composer.sendMail(toNodemailerMessage(mail));
    const path = join(options.directory, outboxFileName(clock()));
    // Mails carry personal data and email-proof links: readable by the service account only.
    await writeFileAtomically(path, info.message as Buffer, { mode: 0o600 });
    return path;
  }

  async function deliverKeyed(mail: ComposedMail, key: string): Promise<MailReceipt> {
    const record = join(options.directory, SENT_KEYS_FOLDER, idempotencyDigest(key));
    const previous = await readFile(record, 'utf8').catch(ignoreMissing);
    if (previous !== undefined) return { messageId: mail.messageId, duplicate: true, location: join(options.directory, previous) };
    const path = await write(mail);
    await writeFile(record, basename(path), { flag: 'wx', mode: 0o600 }).catch(ignoreExisting);
    return { messageId: mail.messageId, duplicate: false, location: path };
  }

  return {
    kind: 'outbox',
    async deliver(mail: ComposedMail): Promise<MailReceipt> {
      await ensureFolders();
      const key = mail.idempotencyKey;
      if (key === undefined) return { messageId: mail.messageId, duplicate: false, location: await write(mail) };
      const running = inFlight.get(key);
      if (running) return { ...(await running), duplicate: true };
      const sending = deliverKeyed(mail, key).finally(() => inFlight.delete(key));
      inFlight.set(key, sending);
      return sending;
    },
    async close(): Promise<void> {
      composer.close();
    },
  };
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

function ignoreExisting(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST') throw error;
}

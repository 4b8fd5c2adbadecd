import type { MailerConfig, MailTransportOptions } from './mailer-config.js';
import type { ComposedMail, MailReceipt, MailTransport, OutgoingMail } from './outgoing-mail.js';
import { domainOfAddress, messageIdForKey, randomMessageId } from './message-id.js';
import { consoleLog, type NotificationLog } from './notification-log.js';
import { createOutboxTransport } from './outbox-transport.js';
import { createSmtpTransport } from './smtp-transport.js';

/** Headers the mailer sets itself; a caller's copy would make two of them or hide ours. */
const RESERVED_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'date', 'sender', 'reply-to']);

/** Sends rendered messages through one transport, with a Message-ID decided before sending. */
export class Mailer {
  private readonly messageIdDomain: string;
  private readonly log: NotificationLog;

  constructor(
    private readonly transport: MailTransport,
    private readonly from: string,
    options: { messageIdDomain?: string; log?: NotificationLog } = {},
  ) {
    this.messageIdDomain = options.messageIdDomain ?? domainOfAddress(from);
    this.log = options.log ?? consoleLog;
  }

  get transportKind(): MailTransport['kind'] {
    return this.transport.kind;
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    checkOutgoingMail(mail);
    const composed: ComposedMail = { ...mail, from: this.from, messageId: this.messageIdOf(mail) };
    const receipt = await this.transport.deliver(composed);
    // The Message-ID only: addressees and contents are personal data (contract §7.1).
    this.log(`mail ${receipt.messageId} ${receipt.duplicate ? 'already sent, not sent again' : `sent via ${this.transport.kind}`}`);
    return receipt;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private messageIdOf(mail: OutgoingMail): string {
    return mail.idempotencyKey === undefined
      ? randomMessageId(this.messageIdDomain)
      : messageIdForKey(mail.idempotencyKey, this.messageIdDomain);
  }
}

/** The mailer a configuration asks for: SMTP relay, or the `.eml` outbox of the zero-setup default. */
export function createMailer(config: MailerConfig, options: { log?: NotificationLog } = {}): Mailer {
  return new Mailer(createTransport(config.transport), config.from, { messageIdDomain: config.messageIdDomain, log: options.log });
}

function createTransport(options: MailTransportOptions): MailTransport {
  switch (options.kind) {
    case 'smtp':
      return createSmtpTransport(options);
    case 'outbox':
      return createOutboxTransport(options);
  }
}

function checkOutgoingMail(mail: OutgoingMail): void {
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(mail.to)) throw new Error('mail must have exactly one plain addressee (name@domain)');
  if (mail.subject.trim() === '' || /[\r\n]/.test(mail.subject)) throw new Error('mail subject must be one non-empty line');
  if (mail.idempotencyKey !== undefined && mail.idempotencyKey.trim() === '') throw new Error('idempotency key must not be blank');
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`invalid header name: ${name}`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new Error(`header ${name} is set by the mailer`);
    if (/[\r\n]/.test(value)) throw new Error(`header ${name} must be one line`);
  }
}

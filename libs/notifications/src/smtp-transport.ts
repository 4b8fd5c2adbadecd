import nodemailer from 'nodemailer';
import type { SmtpTransportOptions } from './mailer-config.js';
import type { ComposedMail, MailReceipt, MailTransport } from './outgoing-mail.js';
import { toNodemailerMessage } from './nodemailer-message.js';

/**
 * Sends through an SMTP relay. An SMTP server cannot tell us whether it already has a message,
 * so a retried send may deliver twice; the deterministic Message-ID (message-id.ts) makes the
 * duplicate recognisable to mail clients and filters that de-duplicate on it.
 */
export function createSmtpTransport(options: Omit<SmtpTransportOptions, 'kind'>): MailTransport {
  const transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    auth: options.auth,
    connectionTimeout: options.connectionTimeoutMs ?? 30_000,
  });
  return {
    kind: 'smtp',
    async deliver(mail: ComposedMail): Promise<MailReceipt> {
      const info = await transporter.sendMail(toNodemailerMessage(mail));
      if (info.rejected.length > 0) throw new Error(`SMTP relay rejected the addressee of ${mail.messageId}: ${info.response}`);
      return { messageId: mail.messageId, duplicate: false, location: info.response };
    },
    async close(): Promise<void> {
      transporter.close();
    },
  };
}

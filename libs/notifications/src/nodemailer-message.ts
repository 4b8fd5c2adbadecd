import type { SendMailOptions } from 'nodemailer';
import type { ComposedMail } from './outgoing-mail.js';

/** The same nodemailer message for both transports, so an `.eml` in the outbox is what SMTP would carry. */
export function toNodemailerMessage(mail: ComposedMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { ...mail.headers },
  };
}

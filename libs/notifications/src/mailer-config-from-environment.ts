import { join, resolve } from 'node:path';
import type { Environment } from '#libs/config';
import type { MailerConfig } from './mailer-config.js';

/**
 * The mail relay the configuration names (SMTP_URL), else the `.eml` outbox under VAR_DIR. One
 * choice for the API and the worker, so that all mails of a deployment land in the same place.
 */
export function mailerConfigFor(env: Pick<Environment, 'SMTP_URL' | 'MAIL_FROM' | 'VAR_DIR'>): MailerConfig {
  if (!env.SMTP_URL) return { from: env.MAIL_FROM, transport: { kind: 'outbox', directory: join(resolve(env.VAR_DIR), 'outbox') } };
  const url = new URL(env.SMTP_URL);
  return {
    from: env.MAIL_FROM,
    transport: {
      kind: 'smtp',
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    },
  };
}

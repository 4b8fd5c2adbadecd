import { join, resolve } from 'node:path';
import type { Environment } from '#libs/config';
import type { MailerConfig } from '#libs/notifications';

/**
 * The mail relay the configuration names (SMTP_URL), else the `.eml` outbox under VAR_DIR: the
 * same choice the worker makes (apps/worker/src/worker-runtime.ts), so API and worker mails land
 * in the same place.
 */
export function mailerConfigFor(env: Environment): MailerConfig {
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

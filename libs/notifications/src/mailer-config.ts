/** SMTP relay of a deployment (nodemailer's options, narrowed to what we support). */
export interface SmtpTransportOptions {
  kind: 'smtp';
  host: string;
  port: number;
  /** True for implicit TLS (port 465); false lets the server offer STARTTLS. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Give up on an unreachable relay rather than hold an activity slot (nodemailer's default is 2 min). */
  connectionTimeoutMs?: number;
}

/** The zero-setup default: every message written as an `.eml` file into a folder. */
export interface OutboxTransportOptions {
  kind: 'outbox';
  directory: string;
  /** Injected so tests control the time in file names. */
  clock?: () => Date;
}

export type MailTransportOptions = SmtpTransportOptions | OutboxTransportOptions;

/**
 * What the apps read from their configuration and pass in: the library reads no environment.
 */
export interface MailerConfig {
  /** Sender of every message, e.g. `SIGNEXPERT <no-reply@signexpert.fr>`. */
  from: string;
  /** Right-hand side of Message-IDs; defaults to the sender's domain. */
  messageIdDomain?: string;
  transport: MailTransportOptions;
}

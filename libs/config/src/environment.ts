import 'reflect-metadata';
import { Type } from 'class-transformer';
import { SUBSCRIPTIONS_TASK_QUEUE } from '#libs/contract';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';

/** A TCP port: one clear message rather than three (integer, minimum, maximum). */
function IsPort(): PropertyDecorator {
  return ValidateBy({
    name: 'isPort',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535,
      defaultMessage: (args) => `${args?.property} must be a port number between 1 and 65535`,
    },
  });
}

/** A whole number in a range: one clear message naming the variable and the range. */
function IsWholeNumberBetween(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isWholeNumberBetween',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  });
}

/**
 * Every environment variable the system reads. Names are the variables themselves so that a
 * validation error names exactly what the operator must fix. Defaults are the zero-setup ones.
 */
export class Environment {
  /** PostgreSQL of record; unset = embedded PostgreSQL under VAR_DIR (launcher only). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** host:port of a Temporal frontend; unset = the launcher runs the Temporal dev server. */
  @IsOptional()
  @Matches(/^[\w.-]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS?: string;

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  /** Lets several deployments (or test suites) share one Temporal namespace without stealing each other's tasks. */
  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = SUBSCRIPTIONS_TASK_QUEUE;

  @IsString()
  @MinLength(1)
  API_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsPort()
  API_PORT = 3000;

  /** Ports of the embedded services the launcher starts when no external ones are given. */
  @Type(() => Number)
  @IsPort()
  TEMPORAL_PORT = 7233;

  @Type(() => Number)
  @IsPort()
  TEMPORAL_UI_PORT = 8233;

  @Type(() => Number)
  @IsPort()
  EMBEDDED_POSTGRES_PORT = 5433;

  /** Where operators open the Temporal Web UI (the console links each subscription's workflow there); unset = no link. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'TEMPORAL_UI_URL must be an http(s) URL' })
  TEMPORAL_UI_URL?: string;

  /** Working data of the zero-setup default (database, Temporal history, outbox). Gitignored. */
  @IsString()
  @MinLength(1)
  VAR_DIR = 'var';

  /** Base URL of the public site, used in the links we mail (email proof) and in certificates (CRL, AIA, CPS). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /** smtp://user:pass@host:port (or smtps://); unset = `.eml` files in VAR_DIR/outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'SIGNEXPERT <no-reply@signexpert.local>';

  /** Minutes between scheduled CRL publications per region (revocations also publish at once); 0 = no schedule. */
  @Type(() => Number)
  @IsIn([0, 5, 10, 15, 30, 60, 120, 240, 360, 720], { message: 'CRL_PUBLICATION_INTERVAL_MINUTES must be 0 or one of 5, 10, 15, 30, 60, 120, 240, 360, 720' })
  CRL_PUBLICATION_INTERVAL_MINUTES = 60;

  /** Contract §7.1, §14: days the file of a request that led to no certificate is kept after it ended. */
  @Type(() => Number)
  @IsWholeNumberBetween(1, 3650)
  RETENTION_UNSUCCESSFUL_DAYS = 90;

  /** Contract §7.1, §14: years an issued holder's file is kept after the cycle and its certificates ended. */
  @Type(() => Number)
  @IsWholeNumberBetween(1, 50)
  RETENTION_ISSUED_YEARS = 7;

  /** Mailbox of the ECMA supervisors, told when a review waits longer than its service level. */
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'SUPERVISOR_EMAIL must be an email address' })
  SUPERVISOR_EMAIL = 'supervision@signexpert.local';

  /**
   * Secrets, base64 of 32 random bytes each. Unset under `npm start`: generated once into
   * VAR_DIR/secrets.json (mode 0600). Required by the API and the worker.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'TEMPORAL_PAYLOAD_KEY must be 32 bytes in base64' })
  TEMPORAL_PAYLOAD_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'EMAIL_TOKEN_SECRET must be 32 bytes in base64' })
  EMAIL_TOKEN_SECRET?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'DOCUMENT_KEY must be 32 bytes in base64' })
  DOCUMENT_KEY?: string;

  /** Passphrase of the CA's software keys (zero-setup key store); unused with PKCS#11. */
  @IsOptional()
  @MinLength(16, { message: 'CA_KEY_PASSPHRASE must be at least 16 characters' })
  CA_KEY_PASSPHRASE?: string;

  /** Where the CA keys live: encrypted software keys under VAR_DIR/ca, or a PKCS#11 token (HSM). */
  @IsIn(['software', 'pkcs11'])
  CA_KEY_STORE: 'software' | 'pkcs11' = 'software';

  /** PKCS#11 module for the CA HSM and the holders' tokens. */
  @IsString()
  PKCS11_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

  /** Label and user PIN of the CA's PKCS#11 token (CA_KEY_STORE=pkcs11). */
  @IsOptional()
  @IsString()
  CA_PKCS11_TOKEN_LABEL?: string;

  @IsOptional()
  @IsString()
  CA_PKCS11_PIN?: string;

  /** Security-officer PIN of the holders' tokens (initialises tokens, sets activation codes). */
  @IsOptional()
  @MinLength(8, { message: 'TOKEN_SO_PIN must be at least 8 characters' })
  TOKEN_SO_PIN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';

  /**
   * Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP (rate limits).
   * A hop count or addresses/subnets; unset = the socket's peer is the client.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?))*)$/, {
    message: 'TRUST_PROXY must be a hop count or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY?: string;

  /** Rate limits per client IP: each limited route grants this many requests per window, refilled evenly. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PUBLIC_REQUESTS = 20;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_SIGN_IN_REQUESTS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_OCSP_REQUESTS = 1200;
}

/** One line per variable, for the README and for checking deployment files against the schema. */
export const ENVIRONMENT_DOCUMENTATION: Readonly<Record<keyof Environment, string>> = {
  DATABASE_URL: 'PostgreSQL URL. Unset: `npm start` runs embedded PostgreSQL (data in VAR_DIR/postgres).',
  TEMPORAL_ADDRESS: 'Temporal frontend host:port. Unset: `npm start` runs the Temporal dev server (history in VAR_DIR/temporal.db).',
  TEMPORAL_NAMESPACE: 'Temporal namespace.',
  TEMPORAL_TASK_QUEUE: 'Task queue of the subscription workflows (API and worker must agree).',
  API_HOST: 'Interface the HTTP API listens on.',
  API_PORT: 'Port of the HTTP API.',
  TEMPORAL_PORT: 'gRPC port of the embedded Temporal dev server.',
  TEMPORAL_UI_PORT: 'Port of the embedded Temporal Web UI.',
  EMBEDDED_POSTGRES_PORT: 'Port of the embedded PostgreSQL.',
  TEMPORAL_UI_URL: 'Temporal Web UI address the staff console links workflows to. Unset under npm start: the embedded UI (http://127.0.0.1:TEMPORAL_UI_PORT).',
  VAR_DIR: 'Folder for the zero-setup data (embedded database, Temporal history).',
  PUBLIC_BASE_URL: 'Public base URL of the site: links in mails, CRL/AIA/CPS URLs in certificates.',
  SMTP_URL: 'smtp:// or smtps:// URL of the mail relay. Unset: mails are written as .eml files to VAR_DIR/outbox.',
  MAIL_FROM: 'Sender of the mails.',
  CRL_PUBLICATION_INTERVAL_MINUTES: 'Minutes between scheduled CRL publications (a revocation also publishes at once); 0 disables the schedule.',
  RETENTION_UNSUCCESSFUL_DAYS: 'Days after an abandoned, rejected or cancelled request ended before its ID documents and personal data are erased (daily run).',
  RETENTION_ISSUED_YEARS: 'Years after an issued cycle ended (and its certificates expired) before its ID documents and personal data are erased (daily run).',
  SUPERVISOR_EMAIL: 'Mailbox of the ECMA supervisors (overdue reviews).',
  TEMPORAL_PAYLOAD_KEY: 'AES-256 key (base64) encrypting Temporal payloads. Unset under npm start: generated in VAR_DIR/secrets.json.',
  EMAIL_TOKEN_SECRET: 'Key (base64) deriving email-proof link tokens. Unset under npm start: generated in VAR_DIR/secrets.json.',
  DOCUMENT_KEY: 'AES-256 key (base64) encrypting ID-document copies at rest. Unset under npm start: generated in VAR_DIR/secrets.json.',
  CA_KEY_PASSPHRASE: 'Passphrase of the software CA keys. Unset under npm start: generated in VAR_DIR/secrets.json.',
  CA_KEY_STORE: 'software (encrypted keys in VAR_DIR/ca) or pkcs11 (an HSM token).',
  PKCS11_LIBRARY: 'PKCS#11 module of the HSM and of the holders\' tokens.',
  CA_PKCS11_TOKEN_LABEL: 'Label of the CA token when CA_KEY_STORE=pkcs11.',
  CA_PKCS11_PIN: 'User PIN of the CA token when CA_KEY_STORE=pkcs11.',
  TOKEN_SO_PIN: 'Security-officer PIN of the holders\' tokens. Unset under npm start: generated in VAR_DIR/secrets.json.',
  LOG_LEVEL: 'fatal, error, warn, info, debug or trace.',
  TRUST_PROXY: 'Proxies whose X-Forwarded-For gives the client IP (rate limits, staff sign-in back-off): a hop count, or addresses/subnets (comma-separated). Unset: the TCP peer is the client.',
  RATE_LIMIT_WINDOW_SECONDS: 'Window of the per-IP rate limits: each limited route grants its number of requests per window, refilled evenly.',
  RATE_LIMIT_PUBLIC_REQUESTS: 'Requests per window and client IP to each public route: registration, email confirmation, sign-in link, signature verification; 0 disables.',
  RATE_LIMIT_SIGN_IN_REQUESTS: 'Requests per window and client IP to the staff sign-in (besides the per-login-and-address back-off); 0 disables.',
  RATE_LIMIT_OCSP_REQUESTS: 'Requests per window and client IP to the OCSP responder (POST and GET); 0 disables.',
};

export const ENVIRONMENT_VARIABLES = Object.keys(ENVIRONMENT_DOCUMENTATION) as (keyof Environment)[];

import { ApplicationFailure } from '@temporalio/common';
import { CaError, DerError } from '#libs/ca-core';

/**
 * How an activity's failure reaches its workflow (DESIGN.md, "Activity failures"): a failure that
 * retrying cannot cure is a non-retryable ApplicationFailure whose type names it, so the workflow
 * sees it at once and opens an incident; anything else is retried within the activity's bounds.
 *
 * - the CA core's typed refusals (bad CSR, registration that cannot be certified, incomplete key
 *   pair…) carry `retryable`; a busy HSM says true, a bad CSR false;
 * - DER that does not decode is our own data (a token's attributes, a stored CRL): the same bytes
 *   decode the same way next time;
 * - a mail server's permanent refusal (SMTP 5yz); a 4yz reply or a lost connection is retried;
 * - PostgreSQL refusals of the statement or of its data (SQLSTATE classes below: a NUL byte, a
 *   value too long, a constraint, a missing table) are final; a lost connection, a deadlock or a
 *   server shutting down are not.
 */
const FINAL_SQLSTATE_CLASSES: ReadonlyMap<string, string> = new Map([
  ['22', 'data exception'],
  ['23', 'integrity constraint violation'],
  ['42', 'syntax error or access rule violation'],
  ['0A', 'feature not supported'],
  ['54', 'program limit exceeded'],
]);

/** The longest failure message kept: enough to say what went wrong, never a dump of data. */
const MESSAGE_LIMIT = 300;

export function typedFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof CaError) {
    return ApplicationFailure.create({ message: clean(error.message), type: error.name, nonRetryable: !error.retryable, details: [error.code] });
  }
  if (error instanceof DerError) return ApplicationFailure.nonRetryable(clean(error.message), 'DerError');
  // RFC 5321 §4.2.1: a 5yz reply is a permanent refusal (a recipient address the server will never
  // take); sending the same message again gets the same answer. Nothing of the address is kept.
  const smtpReply = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof smtpReply === 'number' && smtpReply >= 500 && smtpReply < 600) {
    return ApplicationFailure.nonRetryable(`mail refused by the mail server (SMTP ${smtpReply})`, 'MailRefused');
  }
  const sqlState = sqlStateOf(error);
  if (sqlState) {
    const final = FINAL_SQLSTATE_CLASSES.get(sqlState.slice(0, 2));
    const message = `database ${final ?? 'error'} (SQLSTATE ${sqlState}): ${clean((error as Error).message)}`;
    // Only the message: a QueryFailedError also carries the statement's parameters (personal data).
    return ApplicationFailure.create({ message, type: final ? 'DatabaseRefusal' : 'DatabaseError', nonRetryable: final !== undefined });
  }
  return error;
}

/** The same activities, each throwing typed failures (typedFailure) instead of raw errors. */
export function withTypedFailures<T extends object>(activities: T): T {
  const typed: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    typed[name] =
      typeof activity === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (activity as (...a: unknown[]) => unknown)(...args);
            } catch (error) {
              throw typedFailure(error);
            }
          }
        : activity;
  }
  return typed as T;
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return name === 'QueryFailedError' || name === 'error' || name === 'DatabaseError' ? code : undefined;
}

/** One line, no control characters, bounded: what a person reads in the incident queue. */
export function clean(message: string): string {
  const line = message.split(/\r?\n/, 1)[0].replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  return line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT - 1)}…` : line;
}

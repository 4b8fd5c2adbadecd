import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { IncidentError } from '#libs/contract';

/** An activity failure as staff read it: its type, its one-line message, and whether retrying may cure it. */
export function describeFailure(failure: unknown): IncidentError {
  const cause = failure instanceof ActivityFailure ? failure.cause : failure;
  const type = cause instanceof ApplicationFailure ? (cause.type ?? 'ApplicationFailure') : cause instanceof Error ? cause.name : 'Error';
  const message = cause instanceof Error ? cause.message : String(cause);
  return { type, message: message.slice(0, 300), retryable: !(cause instanceof ApplicationFailure && cause.nonRetryable) };
}

import { ApplicationFailure } from '@temporalio/common';
import { CaError } from '#libs/ca-core';

/**
 * Runs CA work, turning the CA core's typed refusals (bad CSR, key below policy, CA not valid at
 * that date…) into non-retryable failures: retrying cannot make them succeed, and the workflow
 * must see them at once rather than after days of back-off.
 */
export async function refusalsAreFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CaError && !error.retryable) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

import { ActivityFailure, ApplicationFailure, continueAsNew, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { publishCrlSignal, type CrlPublisherInput } from '#libs/contract';
import { activity } from './activity-policies.js';
import { describeFailure } from './incident-errors.js';

const publishCrl = activity('publishCrl');
const reportCrlFailure = activity('reportCrlFailure');

/** Workflow version (test/replay): a publication that fails for good is reported as the region's incident. */
const CRL_FAILURE_REPORT = 'crl-failure-report';

/**
 * Publishes the region's CRL (contract §9.2) once, then again for as long as requests keep
 * arriving: any number of revocations during one publication cost one more CRL, not one each.
 * Started by signal-with-start after each revocation, and hourly by a Schedule. A publication
 * whose retries are spent is reported (incident, audit, log) and this run fails: the next
 * revocation or the next hour tries again, and no run waits forever on a broken publication.
 */
export async function crlPublisherWorkflow(input: CrlPublisherInput): Promise<number> {
  let requested = true;
  let published = 0;
  setHandler(publishCrlSignal, () => {
    requested = true;
  });
  while (requested) {
    requested = false;
    try {
      // The CRL is dated no earlier than the request: the workflow's clock, whatever the worker's.
      await publishCrl({ region: input.region, requestedAt: new Date().toISOString() });
    } catch (error) {
      if (!(error instanceof ActivityFailure) || !patched(CRL_FAILURE_REPORT)) throw error;
      await report(input, error);
      throw ApplicationFailure.nonRetryable(`the CRL of region ${input.region} could not be published: ${error.cause?.message ?? error.message}`, 'CrlNotPublished');
    }
    published++;
    // A signal that arrives while the workflow completes fails that completion: the server hands
    // the signal over in a new task, where it is applied before the loop condition is read again.
    if (workflowInfo().continueAsNewSuggested) break;
  }
  if (requested) await continueAsNew<typeof crlPublisherWorkflow>(input);
  return published;
}

async function report(input: CrlPublisherInput, failure: ActivityFailure): Promise<void> {
  const error = describeFailure(failure);
  try {
    await reportCrlFailure({ region: input.region, error, at: new Date().toISOString() });
  } catch (reportFailure) {
    if (!(reportFailure instanceof ActivityFailure)) throw reportFailure;
    log.error('CRL publication failure could not be recorded', { region: input.region, error: error.message });
  }
}

import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { publishCrlSignal, type CrlPublisherInput } from '#libs/contract';
import type { CrlActivities } from '../activities/lifecycle-activities.js';

const { publishCrl } = proxyActivities<CrlActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * Publishes the region's CRL (contract §9.2) once, then again for as long as requests keep
 * arriving: any number of revocations during one publication cost one more CRL, not one each.
 * Started by signal-with-start after each revocation, and hourly by a Schedule.
 */
export async function crlPublisherWorkflow(input: CrlPublisherInput): Promise<number> {
  let requested = true;
  let published = 0;
  setHandler(publishCrlSignal, () => {
    requested = true;
  });
  while (requested) {
    requested = false;
    await publishCrl({ region: input.region });
    published++;
    // A signal that arrives while the workflow completes fails that completion: the server hands
    // the signal over in a new task, where it is applied before the loop condition is read again.
    if (workflowInfo().continueAsNewSuggested) break;
  }
  if (requested) await continueAsNew<typeof crlPublisherWorkflow>(input);
  return published;
}

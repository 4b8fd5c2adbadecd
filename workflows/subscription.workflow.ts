import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  registrationRecordedUpdate,
  statusQuery,
  type SubscriptionWorkflowInput,
} from '#libs/contract';
import type { HolderRegistration, SubscriptionState } from '#libs/domain';
import type { ProjectionActivities } from '../activities/projection.activities.js';
import { SubscriptionCycle } from './subscription-cycle.js';

const { recordTransition } = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** One subscription cycle, from registration to its end (DESIGN.md). The only writer of its state. */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<void> {
  const cycle = new SubscriptionCycle(input.subscriptionId);
  let registrationRecorded = false;

  setHandler(statusQuery, () => cycle.status());
  setHandler(registrationRecordedUpdate, async () => {
    await condition(() => registrationRecorded);
    return cycle.status();
  });

  await enter(cycle, 'REGISTERED', input.registration);
  registrationRecorded = true;

  // The following steps (email proof, documents, review, issuance, delivery, expiry) come with issue 4.
  await condition(() => cycle.isOver);
}

/** Every transition goes through here: the workflow's state first, then its projection. */
async function enter(cycle: SubscriptionCycle, state: SubscriptionState, registration?: HolderRegistration) {
  const step = cycle.enter(state, new Date());
  await recordTransition({ subscriptionId: cycle.subscriptionId, seq: cycle.seq, ...step, registration });
}

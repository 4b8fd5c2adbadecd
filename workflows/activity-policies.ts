import type { Duration } from '@temporalio/common';
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { WorkflowActivities } from '../activities/lifecycle-activities.js';

/**
 * The options of every activity a workflow calls, in one table (DESIGN.md, "Activity failures").
 * The rule, checked by workflows/activity-policies.spec.ts and by the soak test on real histories:
 * - every retry is bounded by `maximumAttempts`; what the bound allows is written beside it;
 * - a failure that retrying cannot cure is a non-retryable ApplicationFailure thrown by the
 *   activity itself (activities/typed-failures.ts), so no list of error types is kept here;
 * - when the bound is reached, the subscription workflow opens an incident that staff see and
 *   decide on, and the CRL publisher reports the region's failure; nothing waits in silence.
 * A workflow reaches its activities through `activity(name)` only.
 */
export type ActivityName = keyof WorkflowActivities;

export interface BoundedActivityOptions extends ActivityOptions {
  startToCloseTimeout: Duration;
  retry: NonNullable<ActivityOptions['retry']> & { maximumAttempts: number };
}

/** A database write: about two minutes of retries ride out a restart or a failover. */
const DATABASE_WRITE: BoundedActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
};

/** A mail: about an hour of retries ride out an outage of the relay. */
const MAIL: BoundedActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
};

/**
 * Work on the holder's token: a worker that dies mid-activity is noticed by the heartbeat within
 * ten seconds, and five attempts are enough for a token that answers at all.
 */
const TOKEN_WORK: BoundedActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
};

/** A revocation must not wait for a person: retried the longest (about 40 minutes) before an incident. */
const REVOCATION: BoundedActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 45 },
};

/** Recording an incident: if this fails too, about two hours of retries before the workflow logs it alone. */
const INCIDENT_RECORD: BoundedActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 30 },
};

export const ACTIVITY_POLICIES = {
  claimRegistrationNumber: DATABASE_WRITE,
  recordTransition: DATABASE_WRITE,
  prepareEmailProof: DATABASE_WRITE,
  sendEmailProof: MAIL,
  notifyHolder: MAIL,
  notifySupervisors: MAIL,
  prepareIssuance: DATABASE_WRITE,
  issueCertificates: TOKEN_WORK,
  sealTokenAndPrintLetter: TOKEN_WORK,
  revokeCertificates: REVOCATION,
  requestCrlPublication: REVOCATION,
  // A CRL takes a second for 100,000 entries; five attempts, then the publisher reports the region.
  publishCrl: {
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  },
  openIncident: INCIDENT_RECORD,
  closeIncident: INCIDENT_RECORD,
  reportCrlFailure: INCIDENT_RECORD,
  // One holder of a bulk revocation: the revoke Update answers in seconds; a failure is reported in the list.
  revokeHolder: {
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  },
  // A batch of erasures; a failed run is retried by the next day's Schedule.
  erasePersonalDataBatch: {
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
  },
} as const satisfies Record<ActivityName, BoundedActivityOptions>;

/** The activity `name`, scheduled with its options from the table. */
export function activity<K extends ActivityName>(name: K): WorkflowActivities[K] {
  return proxyActivities<WorkflowActivities>(ACTIVITY_POLICIES[name])[name];
}

import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { RetentionPolicy, RetentionReport } from '#libs/contract';
import { activity } from './activity-policies.js';

const erasePersonalDataBatch = activity('erasePersonalDataBatch');

/** Subscriptions per activity call: each is its own transaction, the batch bounds one attempt. */
const BATCH = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Contract §7.1, §14: once a finished subscription's retention period is over, its personal data
 * is erased; the audit log keeps the fact. Started daily by a Schedule; the periods come in the
 * input so a run's history shows the policy it applied. "Now" is the workflow's time, so every
 * batch of one run applies the same cut-offs.
 */
export async function retentionWorkflow(policy: RetentionPolicy): Promise<RetentionReport> {
  const now = new Date(Date.now());
  const cutoffs = {
    unsuccessfulEndedBefore: new Date(now.getTime() - policy.unsuccessfulDays * DAY_MS).toISOString(),
    issuedEndedBefore: yearsBefore(now, policy.issuedYears).toISOString(),
  };
  const report: RetentionReport = { unsuccessful: 0, issued: 0 };
  for (;;) {
    const batch = await erasePersonalDataBatch({ ...cutoffs, limit: BATCH });
    report.unsuccessful += batch.unsuccessful;
    report.issued += batch.issued;
    if (!batch.more) return report;
    // A long backlog (first run on an old database): a fresh history; the audit log has the counts.
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof retentionWorkflow>(policy);
  }
}

/** Calendar years (a 29 February falls back to 1 March), as a policy's "seven years" reads. */
function yearsBefore(instant: Date, years: number): Date {
  const shifted = new Date(instant.getTime());
  shifted.setUTCFullYear(shifted.getUTCFullYear() - years);
  return shifted;
}

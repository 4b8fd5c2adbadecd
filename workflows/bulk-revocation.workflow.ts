import { ActivityFailure, condition, setHandler } from '@temporalio/workflow';
import {
  approveBulkRevocationUpdate,
  bulkRevocationReportQuery,
  type BulkRevocationInput,
  type BulkRevocationOutcome,
  type BulkRevocationReport,
} from '#libs/contract';
import { describeActor, type StaffActor } from '#libs/domain';
import { activity } from './activity-policies.js';

const revokeHolder = activity('revokeHolder');

/** How many subscriptions are revoked at once: enough to be quick, few enough not to swamp the CA. */
const CONCURRENCY = 8;

/**
 * A CSOEC decision revoking many holders at once (contract §9.1, last paragraph). Nothing happens
 * until a second, different officer approves; then each holder's subscription workflow receives a
 * revoke Update, a few at a time, and the report is readable throughout.
 */
export async function bulkRevocationWorkflow(input: BulkRevocationInput): Promise<BulkRevocationReport> {
  const report: BulkRevocationReport = {
    bulkRevocationId: input.bulkRevocationId,
    state: 'AWAITING_APPROVAL',
    decisionReference: input.decisionReference,
    orderedBy: describeActor(input.orderedBy),
    counts: { pending: input.registrationNumbers.length, revoked: 0, unknown: 0, 'already-revoked': 0, failed: 0 },
    items: input.registrationNumbers.map((registrationNumber) => ({ registrationNumber, outcome: 'pending' as BulkRevocationOutcome })),
  };
  const notFound = new Set(input.notFound ?? []);
  for (const item of report.items.filter((i) => notFound.has(i.registrationNumber))) {
    report.counts.pending--;
    report.counts.unknown++;
    Object.assign(item, { outcome: 'unknown', detail: 'no subscription under this number when the decision was ordered' });
  }
  let approver: StaffActor | undefined;

  setHandler(bulkRevocationReportQuery, () => report);
  setHandler(
    approveBulkRevocationUpdate,
    async ({ officer }) => {
      approver = officer;
      report.approvedBy = describeActor(officer);
      report.state = 'RUNNING';
      return report;
    },
    {
      validator: ({ officer }) => {
        if (report.state !== 'AWAITING_APPROVAL') throw new Error('this bulk revocation is already approved');
        if (officer.role !== 'csoec-officer') throw new Error(`role ${officer.role} cannot approve a bulk revocation`);
        if (officer.id === input.orderedBy.id) throw new Error('a second, different officer must approve (4-eyes)');
      },
    },
  );

  await condition(() => approver !== undefined);
  let next = 0;
  const runOne = async (): Promise<void> => {
    while (next < report.items.length) {
      const item = report.items[next++];
      const result = await revokeHolder({
        registrationNumber: item.registrationNumber,
        ground: input.ground,
        decisionReference: input.decisionReference,
        requester: input.orderedBy,
        approvedBy: approver!,
      }).catch((error: unknown) => ({ outcome: 'failed' as const, detail: failureReason(error) }));
      report.counts[item.outcome]--;
      report.counts[result.outcome]++;
      item.outcome = result.outcome;
      if (result.detail) item.detail = result.detail;
      else delete item.detail;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, report.items.length) }, runOne));
  report.state = 'DONE';
  return report;
}

/** The activity's own reason (e.g. the cycle's refusal), not the SDK's "Activity task failed". */
function failureReason(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RevocationGround, StaffActor } from '#libs/domain';

/** A revocation ordered by the CSOEC for a list of holders, run after a second officer approves (4-eyes). */
export const BULK_REVOCATION_WORKFLOW_TYPE = 'bulkRevocationWorkflow';

export function bulkRevocationWorkflowId(bulkRevocationId: string): string {
  return `bulk-revocation-${bulkRevocationId}`;
}

export interface BulkRevocationInput {
  bulkRevocationId: string;
  registrationNumbers: string[];
  ground: RevocationGround;
  /** Reference of the CSOEC decision (e.g. disciplinary chamber ruling). */
  decisionReference: string;
  orderedBy: StaffActor;
  /**
   * Numbers under which no subscription existed when the decision was ordered: reported as
   * `unknown` before approval, so the approving officer sees them (looked up again when it runs).
   */
  notFound?: string[];
}

export type BulkRevocationOutcome = 'pending' | 'revoked' | 'unknown' | 'already-revoked' | 'failed';

export interface BulkRevocationReport {
  bulkRevocationId: string;
  state: 'AWAITING_APPROVAL' | 'RUNNING' | 'DONE';
  decisionReference: string;
  orderedBy: string;
  approvedBy?: string;
  counts: Record<BulkRevocationOutcome, number>;
  items: { registrationNumber: string; outcome: BulkRevocationOutcome; detail?: string }[];
}

export interface BulkRevocationApproval {
  officer: StaffActor;
}

/** The second officer's approval; refused from the officer who ordered it. */
export const approveBulkRevocationUpdate = defineUpdate<BulkRevocationReport, [BulkRevocationApproval]>('approve');
/** Progress, readable while it runs. */
export const bulkRevocationReportQuery = defineQuery<BulkRevocationReport>('report');

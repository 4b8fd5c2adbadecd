import { defineSignal } from '@temporalio/workflow';
import type { RegionCode } from '#libs/domain';

/** Publishes CRLs of one issuing CA; started on demand (signal-with-start) and by an hourly Schedule. */
export const CRL_PUBLISHER_WORKFLOW_TYPE = 'crlPublisherWorkflow';

export interface CrlPublisherInput {
  region: RegionCode;
}

export function crlPublisherWorkflowId(region: RegionCode): string {
  return `crl-publisher-${region}`;
}

export function crlScheduleId(region: RegionCode): string {
  return `crl-schedule-${region}`;
}

/** Asks for one more CRL as soon as possible; requests arriving during a publication are coalesced into one. */
export const publishCrlSignal = defineSignal('publishCrl');

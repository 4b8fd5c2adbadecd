import type { SubscriptionView } from '#libs/api-views';
import type { PendingAction } from '#libs/domain';
import type { CertificateRecord, SubscriptionEventRecord, SubscriptionRecord } from '#libs/persistence';
import { toCertificateSummary } from './certificate-summary.js';
import { toHolderTimeline } from './holder-timeline.js';

/** Who is expected to act for each pending action (the projection keeps the action only). */
const EXPECTED_FROM: Record<PendingAction['action'], PendingAction['by']> = {
  'confirm-email': 'holder',
  'submit-documents': 'holder',
  review: 'ecma-operator',
  'record-payment': 'ecma-operator',
  issue: 'system',
  'hand-over': 'croec-agent',
  renew: 'holder',
};

export interface SubscriptionViewSources {
  record: SubscriptionRecord;
  events: SubscriptionEventRecord[];
  certificates: CertificateRecord[];
  /** The cycle renewing this one, if a renewal started. */
  nextSubscriptionId: string | null;
}

export function toSubscriptionView({ record, events, certificates, nextSubscriptionId }: SubscriptionViewSources): SubscriptionView {
  const action = record.pendingAction as PendingAction['action'] | null;
  return {
    id: record.id,
    state: record.state,
    region: record.region,
    createdAt: record.createdAt.toISOString(),
    stateChangedAt: record.stateChangedAt.toISOString(),
    holder: {
      givenName: record.givenName,
      surname: record.surname,
      email: record.email,
      registrationNumber: record.registrationNumber,
      firm: record.firm,
    },
    conditions: { version: record.conditionsVersion, acceptedAt: record.conditionsAcceptedAt.toISOString() },
    nextStep: action && EXPECTED_FROM[action] ? { action, by: EXPECTED_FROM[action], deadline: record.pendingDeadline?.toISOString() ?? null } : null,
    certificates: certificates.map(toCertificateSummary),
    previousSubscriptionId: record.previousSubscriptionId,
    nextSubscriptionId,
    timeline: toHolderTimeline(events),
  };
}

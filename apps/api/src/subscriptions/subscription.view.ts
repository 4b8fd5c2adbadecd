import type { PendingAction } from '#libs/contract';
import type { CertificateRecord, SubscriptionEventRecord, SubscriptionRecord } from '#libs/persistence';
import { toCertificateSummary, type CertificateSummary } from './certificate-summary.js';
import { toHolderTimeline, type HolderTimelineEntry } from './holder-timeline.js';

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

/**
 * What GET /v1/subscriptions/:id shows to the holder (contract §4.2: they follow their request at
 * any time) and to staff: progress, the next step and its deadline, the holder's own registration
 * and certificates. Never other people's data (staff appear by role only) nor secrets (no token,
 * no activation code, no document).
 */
export interface SubscriptionView {
  id: string;
  state: string;
  region: string;
  createdAt: string;
  stateChangedAt: string;
  /** What the holder declared, as it stands after reported changes (§12.2: they keep it accurate). */
  holder: { givenName: string; surname: string; email: string; registrationNumber: string; firm: string | null };
  conditions: { version: string; acceptedAt: string };
  /** What is expected next, from whom, and by when; null once the cycle is over. */
  nextStep: { action: PendingAction['action']; by: PendingAction['by']; deadline: string | null } | null;
  certificates: CertificateSummary[];
  /** The cycle this one renews, and the cycle that renews this one (contract §13.1). */
  previousSubscriptionId: string | null;
  nextSubscriptionId: string | null;
  timeline: HolderTimelineEntry[];
}

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

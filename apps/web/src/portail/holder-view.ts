import type { CertificateRow } from '../shared/ui.js';
import { api } from './holder-session.js';

// What GET /v1/subscriptions/:id answers to the holder (apps/api/src/subscriptions/subscription.view.ts).

export type NextAction = 'confirm-email' | 'submit-documents' | 'review' | 'record-payment' | 'issue' | 'hand-over' | 'renew';

export interface TimelineEntry {
  state: string;
  at: string;
  event: 'state-entered' | 'information-requested' | 'payment-recorded' | 'renewal-requested' | 'changes-reported' | 'renewal-reminder' | 'certificates-revoked';
  by: string | null;
  detail?: string;
}

export interface HolderSubscription {
  id: string;
  state: string;
  region: string;
  createdAt: string;
  stateChangedAt: string;
  holder: { givenName: string; surname: string; email: string; registrationNumber: string; firm: string | null };
  conditions: { version: string; acceptedAt: string };
  nextStep: { action: NextAction; by: string; deadline: string | null } | null;
  certificates: CertificateRow[];
  previousSubscriptionId: string | null;
  nextSubscriptionId: string | null;
  timeline: TimelineEntry[];
}

export function loadSubscription(id: string, signal?: AbortSignal): Promise<HolderSubscription> {
  return api.get<HolderSubscription>(`/v1/subscriptions/${encodeURIComponent(id)}`, signal);
}

/** States that end the cycle (libs/domain TERMINAL_STATES). */
export const TERMINAL_STATES = ['EXPIRED', 'RENEWED', 'REVOKED', 'CANCELLED', 'ABANDONED', 'REJECTED'];

/** States in which certificates exist: leaving them means revoking, not cancelling (libs/domain CERTIFIED_STATES). */
export const CERTIFIED_STATES = ['ISSUING', 'AWAITING_DELIVERY', 'ACTIVE'];

export const isOver = (subscription: HolderSubscription): boolean => TERMINAL_STATES.includes(subscription.state);
export const hasCertificates = (subscription: HolderSubscription): boolean => CERTIFIED_STATES.includes(subscription.state);

/** The reviewer's latest request for more information, if the holder has not answered it yet. */
export function pendingInformationRequest(subscription: HolderSubscription): string | undefined {
  if (subscription.state !== 'AWAITING_DOCUMENTS') return undefined;
  const last = subscription.timeline.findLast((entry) => entry.event === 'information-requested' || entry.state === 'IN_REVIEW');
  return last?.event === 'information-requested' ? last.detail : undefined;
}

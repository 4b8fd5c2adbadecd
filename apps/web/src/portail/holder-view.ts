import type { SubscriptionView } from '../../../../libs/api-views/src/index.js';
import { CERTIFIED_STATES, TERMINAL_STATES, type SubscriptionState } from '../../../../libs/domain/src/subscription-state.js';
import { api } from './holder-session.js';

// GET /v1/subscriptions/:id, as the holder reads it (SubscriptionView, built by apps/api/src/subscriptions/subscription.view.ts).

export function loadSubscription(id: string, signal?: AbortSignal): Promise<SubscriptionView> {
  return api.get<SubscriptionView>(`/v1/subscriptions/${encodeURIComponent(id)}`, signal);
}

/** The cycle is over (libs/domain TERMINAL_STATES): nothing may follow. */
export const isOver = (subscription: Pick<SubscriptionView, 'state'>): boolean => TERMINAL_STATES.has(subscription.state as SubscriptionState);
/** Certificates exist (libs/domain CERTIFIED_STATES): leaving the state means revoking, not cancelling. */
export const hasCertificates = (subscription: SubscriptionView): boolean => CERTIFIED_STATES.has(subscription.state as SubscriptionState);

/** The reviewer's latest request for more information, if the holder has not answered it yet. */
export function pendingInformationRequest(subscription: SubscriptionView): string | undefined {
  if (subscription.state !== 'AWAITING_DOCUMENTS') return undefined;
  const last = subscription.timeline.findLast((entry) => entry.event === 'information-requested' || entry.state === 'IN_REVIEW');
  return last?.event === 'information-requested' ? last.detail : undefined;
}

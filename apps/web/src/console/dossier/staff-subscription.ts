import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { api } from '../staff-session.js';

/** What the workflow answers to a staff action (the subscription's status after it). */
export interface ActionResult {
  state: string;
}

/** GET /v1/admin/subscriptions/:id (built by apps/api/src/admin/staff-subscriptions.service.ts). */
export function loadSubscription(id: string, signal: AbortSignal): Promise<StaffSubscriptionView> {
  return api.get<StaffSubscriptionView>(`/v1/admin/subscriptions/${encodeURIComponent(id)}`, signal);
}

export const holderName = (s: Pick<StaffSubscriptionView, 'holder'>): string => `${s.holder.givenName} ${s.holder.surname}`;

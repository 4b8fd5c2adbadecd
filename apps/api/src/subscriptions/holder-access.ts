import { ForbiddenException } from '@nestjs/common';
import type { SubscriptionProjection, SubscriptionRecord } from '#libs/persistence';
import type { AuthenticatedHolder } from '../auth/index.js';

/**
 * A holder session opens the cycles its mailbox proof covers (AuthenticatedHolder), and the
 * renewal of one of them (started after the session opened, from the same registration).
 */
export function holderMayOpen(holder: AuthenticatedHolder, subscription: Pick<SubscriptionRecord, 'id' | 'previousSubscriptionId'>): boolean {
  if (holder.subscriptionIds.includes(subscription.id)) return true;
  return subscription.previousSubscriptionId !== null && holder.subscriptionIds.includes(subscription.previousSubscriptionId);
}

/** The subscription, if the holder may act on it; anything else is refused the same way, existing or not. */
export async function assertHolderOwns(projection: SubscriptionProjection, subscriptionId: string, holder: AuthenticatedHolder): Promise<SubscriptionRecord> {
  const subscription = await projection.findById(subscriptionId);
  if (!subscription || !holderMayOpen(holder, subscription)) {
    throw new ForbiddenException({ title: 'not your subscription', detail: 'this session does not give access to that subscription' });
  }
  return subscription;
}

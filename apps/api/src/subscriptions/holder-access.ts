import { ForbiddenException } from '@nestjs/common';
import type { SubscriptionProjection } from '#libs/persistence';
import type { AuthenticatedHolder } from '../auth/index.js';

/**
 * A holder session opens the holder's own cycles only (their registration number), whichever
 * cycle it was opened from; anything else is refused the same way, existing or not.
 */
export async function assertHolderOwns(projection: SubscriptionProjection, subscriptionId: string, holder: AuthenticatedHolder): Promise<void> {
  const subscription = await projection.findById(subscriptionId);
  if (!subscription || subscription.registrationNumber !== holder.registrationNumber) {
    throw new ForbiddenException({ title: 'not your subscription', detail: 'this session does not give access to that subscription' });
  }
}

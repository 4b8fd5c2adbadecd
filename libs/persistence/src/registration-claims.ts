import type { DataSource, EntityManager } from 'typeorm';
import { TERMINAL_STATES } from '#libs/domain';

export interface RegistrationClaimRequest {
  subscriptionId: string;
  registrationNumber: string;
  /** A renewal continues that cycle: it takes over its claim instead of competing for one. */
  previousSubscriptionId?: string;
}

/**
 * A claim left by a cycle that never recorded its registration (its workflow was terminated
 * before the first transition) stops blocking the number after this long.
 */
const UNRECORDED_CLAIM_LIFETIME = '1 day';

/**
 * Takes the registration number for a cycle (see RegistrationClaimRecord). Idempotent: a retry
 * of the cycle that holds the claim is told it holds it. Returns false when another cycle in
 * progress holds it.
 */
export async function claimRegistrationNumber(dataSource: DataSource, request: RegistrationClaimRequest): Promise<boolean> {
  const { subscriptionId, registrationNumber, previousSubscriptionId } = request;
  return dataSource.transaction(async (db) => {
    if (previousSubscriptionId) {
      await db.query(`UPDATE registration_claims SET subscription_id = $2, claimed_at = now() WHERE subscription_id = $1`, [previousSubscriptionId, subscriptionId]);
    }
    // A claim whose cycle is over (or never got recorded) is stale: it gives way.
    await db.query(
      `DELETE FROM registration_claims c WHERE c.registration_number = $1 AND c.subscription_id <> $2 AND (
         EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = c.subscription_id AND s.state = ANY($3::varchar[]))
         OR (NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = c.subscription_id) AND c.claimed_at < now() - $4::interval))`,
      [registrationNumber, subscriptionId, [...TERMINAL_STATES], UNRECORDED_CLAIM_LIFETIME],
    );
    await db.query(
      `INSERT INTO registration_claims (registration_number, subscription_id, claimed_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
      [registrationNumber, subscriptionId],
    );
    const [holder] = (await db.query(`SELECT subscription_id FROM registration_claims WHERE registration_number = $1`, [registrationNumber])) as { subscription_id: string }[];
    // A renewal goes on whatever the claim says (a number held twice predates this rule).
    return holder?.subscription_id === subscriptionId || previousSubscriptionId !== undefined;
  });
}

/**
 * The cycle is over: its registration number is free again, unless this cycle was a renewal that
 * did not complete while the cycle it renews is still in progress, which then holds it again.
 * Called by SubscriptionProjection.apply in the terminal transition's transaction; idempotent.
 */
export async function releaseRegistrationClaim(db: EntityManager, subscriptionId: string): Promise<void> {
  const terminal = [...TERMINAL_STATES];
  await db.query(
    `UPDATE registration_claims c SET subscription_id = p.id
     FROM subscriptions s JOIN subscriptions p ON p.id = s.previous_subscription_id
     WHERE c.subscription_id = $1 AND s.id = $1 AND p.state <> ALL($2::varchar[])`,
    [subscriptionId, terminal],
  );
  await db.query('DELETE FROM registration_claims WHERE subscription_id = $1', [subscriptionId]);
}

import { claimRegistrationNumber, type RecordedTransition, type RegistrationClaimRequest, type SubscriptionProjection } from '#libs/persistence';
import type { DataSource } from 'typeorm';

export interface ProjectionActivities {
  /** Projects one workflow transition into PostgreSQL; idempotent, so Temporal may retry it freely. */
  recordTransition(transition: RecordedTransition): Promise<void>;
  /**
   * Takes the registration number for this cycle before anything is recorded: false when another
   * cycle in progress holds it (one cycle per registration number, enforced by PostgreSQL).
   */
  claimRegistrationNumber(request: RegistrationClaimRequest): Promise<{ claimed: boolean }>;
}

export function createProjectionActivities(projection: SubscriptionProjection, dataSource: DataSource): ProjectionActivities {
  return {
    recordTransition: (transition) => projection.apply(transition),
    claimRegistrationNumber: async (request) => ({ claimed: await claimRegistrationNumber(dataSource, request) }),
  };
}

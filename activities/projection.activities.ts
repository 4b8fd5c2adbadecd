import type { RecordedTransition, SubscriptionProjection } from '#libs/persistence';

export interface ProjectionActivities {
  /** Projects one workflow transition into PostgreSQL; idempotent, so Temporal may retry it freely. */
  recordTransition(transition: RecordedTransition): Promise<void>;
}

export function createProjectionActivities(projection: SubscriptionProjection): ProjectionActivities {
  return {
    recordTransition: (transition) => projection.apply(transition),
  };
}

import type { SubscriptionEventRecord, SubscriptionRecord } from '#libs/persistence';

/**
 * What GET /v1/subscriptions/:id shows: progress, not personal data (contract §7.1). Holder
 * identity becomes visible to the holder and staff once sessions exist (issue 5).
 */
export interface SubscriptionView {
  id: string;
  state: string;
  region: string;
  createdAt: string;
  stateChangedAt: string;
  timeline: { state: string; at: string }[];
}

export function toSubscriptionView(record: SubscriptionRecord, events: SubscriptionEventRecord[]): SubscriptionView {
  return {
    id: record.id,
    state: record.state,
    region: record.region,
    createdAt: record.createdAt.toISOString(),
    stateChangedAt: record.stateChangedAt.toISOString(),
    timeline: events.map((event) => ({ state: event.state, at: event.at.toISOString() })),
  };
}

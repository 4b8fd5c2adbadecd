import { SubscriptionEventRecord } from './subscription-event.record.js';
import { SubscriptionRecord } from './subscription.record.js';

export { SubscriptionEventRecord, SubscriptionRecord };

export const ENTITIES = [SubscriptionRecord, SubscriptionEventRecord];

/** Default task queue of the subscription workflows; TEMPORAL_TASK_QUEUE overrides it for API and worker alike. */
export const SUBSCRIPTIONS_TASK_QUEUE = 'subscriptions';

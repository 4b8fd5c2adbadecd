/** The task queue the subscription worker polls; the API starts workflows on it. */
export const SUBSCRIPTIONS_TASK_QUEUE = 'subscriptions';

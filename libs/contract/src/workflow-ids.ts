/** One workflow per subscription cycle; the id is the business key, so a retried start cannot fork a cycle. */
export function subscriptionWorkflowId(subscriptionId: string): string {
  return `subscription-${subscriptionId}`;
}

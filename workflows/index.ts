// Workflow entry points registered on the worker (bundled by the Temporal SDK, deterministic code only).
export { subscriptionWorkflow } from './subscription.workflow.js';
export { crlPublisherWorkflow } from './crl-publisher.workflow.js';
export { bulkRevocationWorkflow } from './bulk-revocation.workflow.js';
export { retentionWorkflow } from './retention.workflow.js';

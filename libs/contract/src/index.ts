// The contract between apps and workflows: names, message definitions and payload types.
// Imported by workflows, so it must stay free of I/O and of NestJS/TypeORM.
export * from './task-queues.js';
export * from './workflow-ids.js';
export * from './subscription-messages.js';
export * from './crl-messages.js';
export * from './bulk-revocation-messages.js';
export * from './retention-messages.js';
export * from './incident-messages.js';

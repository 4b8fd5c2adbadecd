// The JSON the API answers, as types: built by apps/api, read by apps/web (which imports these
// files by relative path), so that a change of shape is a compile error on both sides. Nothing
// here may import Node, NestJS, TypeORM or Temporal: it is bundled into the browser.

export type { CertificateSummary } from './certificate-summary.js';
export { QUEUES, type QueueItem, type QueueName, type QueuePage } from './queue-page.js';
export type { IdDocumentView, SearchItem, StaffSubscriptionView, StaffTimelineEntry } from './staff-subscription-view.js';
export type { HolderTimelineActor, HolderTimelineEntry, HolderTimelineEvent, NextStep, SubscriptionView } from './subscription-view.js';
export type { IncidentDecisionOutcome, IncidentItem, IncidentPage } from './incident-view.js';

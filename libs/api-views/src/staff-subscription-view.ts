import type { CertificateSummary } from './certificate-summary.js';
import type { SubscriptionView } from './subscription-view.js';

/** An ID-document copy as staff see it listed: its facts, never its content (read apart, audited). */
export interface IdDocumentView {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

/** One step of the staff timeline: who acted is named (staff see their colleagues), with the workflow's note. */
export interface StaffTimelineEntry {
  state: string;
  at: string;
  by: string | null;
  note: string | null;
}

/** What GET /v1/admin/subscriptions/:id shows staff: the registration file, its timeline, certificates and documents. */
export interface StaffSubscriptionView extends Pick<SubscriptionView, 'id' | 'state' | 'region' | 'holder' | 'conditions' | 'createdAt' | 'previousSubscriptionId'> {
  pendingAction: string | null;
  pendingDeadline: string | null;
  timeline: StaffTimelineEntry[];
  certificates: CertificateSummary[];
  documents: IdDocumentView[];
}

/** One result of GET /v1/admin/subscriptions?q=. */
export type SearchItem = Pick<StaffSubscriptionView, 'id' | 'state' | 'region' | 'holder'>;

import type { CertificateRow } from '../../shared/ui.js';
import { api } from '../staff-session.js';

/** GET /v1/admin/subscriptions/:id (StaffSubscriptionView in apps/api/src/admin/staff-subscriptions.service.ts). */
export interface StaffSubscription {
  id: string;
  state: string;
  region: string;
  holder: { givenName: string; surname: string; email: string; registrationNumber: string; firm: string | null };
  conditions: { version: string; acceptedAt: string };
  createdAt: string;
  pendingAction: string | null;
  pendingDeadline: string | null;
  previousSubscriptionId: string | null;
  timeline: { state: string; at: string; by: string | null; note: string | null }[];
  certificates: CertificateRow[];
  documents: IdDocument[];
}

export interface IdDocument {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

/** What the workflow answers to a staff action (the subscription's status after it). */
export interface ActionResult {
  state: string;
}

export function loadSubscription(id: string, signal: AbortSignal): Promise<StaffSubscription> {
  return api.get<StaffSubscription>(`/v1/admin/subscriptions/${encodeURIComponent(id)}`, signal);
}

export const holderName = (s: Pick<StaffSubscription, 'holder'>): string => `${s.holder.givenName} ${s.holder.surname}`;

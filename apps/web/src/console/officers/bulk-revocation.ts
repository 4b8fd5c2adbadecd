import { api } from '../staff-session.js';

// GET /v1/admin/bulk-revocations and GET /v1/admin/bulk-revocations/:id
// (BulkRevocationSummary and BulkRevocationView in apps/api/src/admin/bulk-revocations.service.ts).

export type BulkRevocationOutcome = 'pending' | 'revoked' | 'unknown' | 'already-revoked' | 'failed';
export type BulkRevocationState = 'AWAITING_APPROVAL' | 'RUNNING' | 'DONE' | 'INTERRUPTED';

interface BulkRevocationCommon {
  bulkRevocationId: string;
  state: BulkRevocationState;
  decisionReference: string;
  reason: string | null;
  orderedBy: string;
  orderedAt: string;
  approvedBy?: string;
  counts: Record<BulkRevocationOutcome, number>;
  orderedByYou: boolean;
  mayApprove: boolean;
}

export interface BulkRevocationSummary extends BulkRevocationCommon {
  registrationCount: number;
}

export interface BulkRevocationReport extends BulkRevocationCommon {
  items: { registrationNumber: string; outcome: BulkRevocationOutcome; detail?: string }[];
}

export const BULK_STATE_LABELS: Record<BulkRevocationState, string> = {
  AWAITING_APPROVAL: 'En attente d’approbation',
  RUNNING: 'En cours d’exécution',
  DONE: 'Terminée',
  INTERRUPTED: 'Interrompue',
};

export const OUTCOME_LABELS: Record<BulkRevocationOutcome, string> = {
  pending: 'À traiter',
  revoked: 'Révoqué',
  unknown: 'Numéro inconnu : aucun dossier',
  'already-revoked': 'Déjà révoqué',
  failed: 'Échec',
};

export function loadBulkRevocation(id: string, signal: AbortSignal): Promise<BulkRevocationReport> {
  return api.get<BulkRevocationReport>(`/v1/admin/bulk-revocations/${encodeURIComponent(id)}`, signal);
}

export function listBulkRevocations(signal: AbortSignal): Promise<{ items: BulkRevocationSummary[] }> {
  return api.get<{ items: BulkRevocationSummary[] }>('/v1/admin/bulk-revocations', signal);
}

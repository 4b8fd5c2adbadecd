import { api } from '../staff-session.js';

/** One entry of GET /v1/admin/audit (ChainedAuditEntry of libs/audit). */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  previousHash: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** GET /v1/admin/audit/verification. */
export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; firstBadId: string; reason: string };

export interface AuditFilters {
  actor?: string;
  action?: string;
  subject?: string;
  cursor?: string;
}

export const FILTER_NAMES = ['actor', 'action', 'subject'] as const;

export function loadAuditPage(filters: AuditFilters, signal: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>(`/v1/admin/audit?${auditQuery(filters)}`, signal);
}

export function verifyAuditChain(signal: AbortSignal): Promise<AuditVerification> {
  return api.get<AuditVerification>('/v1/admin/audit/verification', signal);
}

/** The filters as a query string, empty ones left out (the API filters on exact values). */
export function auditQuery(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  return query.toString();
}

/** The action codes the API and the worker record, in words. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'session.open': 'Connexion',
  'session.close': 'Déconnexion',
  'session.refuse': 'Connexion refusée',
  'session.lockout': 'Connexion ralentie pour une adresse (trop d’échecs)',
  'staff.lock': 'Compte verrouillé (trop d’échecs)',
  'staff.unlock': 'Connexion débloquée par un opérateur',
  'staff.create': 'Création d’un compte',
  'access.deny': 'Accès refusé',
  'holder-session.open': 'Connexion d’un titulaire',
  'subscription.search': 'Recherche de titulaires',
  'subscription.read': 'Consultation d’un dossier',
  'queue.read': 'Consultation d’une file',
  'document.read': 'Lecture d’une pièce d’identité',
  'review.decide': 'Décision de revue',
  'payment.record': 'Paiement enregistré',
  'delivery.record': 'Remise du support',
  'ca.revoke': 'Révocation',
  'bulk-revocation.order': 'Révocation groupée ordonnée',
  'bulk-revocation.approve': 'Révocation groupée approuvée',
  'audit.read': 'Lecture du journal d’audit',
  'audit.verify': 'Vérification de la chaîne d’audit',
  'retention.erase': 'Effacement (durée de conservation)',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

/** Actions whose subject is a subscription id: the entry links to the subscription's page. */
const SUBSCRIPTION_SUBJECTS = new Set(['subscription.read', 'review.decide', 'payment.record', 'delivery.record', 'ca.revoke', 'holder-session.open', 'retention.erase']);

export function subjectLink(entry: AuditEntry): string | undefined {
  if (!entry.subject) return undefined;
  if (SUBSCRIPTION_SUBJECTS.has(entry.action)) return `/console/dossiers/${encodeURIComponent(entry.subject)}`;
  if (entry.action === 'bulk-revocation.approve') return `/console/revocations-groupees/${encodeURIComponent(entry.subject)}`;
  return undefined;
}

import type { IncidentAction, IncidentError, IncidentStep } from '#libs/contract';
import type { CertificateProfileName, HolderRegistration, RegionCode, RevocationGround, RevocationReason, StaffActor } from '#libs/domain';
import type { Addressee, HolderNotice } from './notification-types.js';
import type { ProjectionActivities } from './projection.activities.js';
import type { RetentionActivities } from './retention.activities.js';

/**
 * The activities the subscription workflow calls, as types only: the workflow imports this file
 * for `proxyActivities<…>` and nothing else of activities/. Implementations are in the files named.
 */

/** email-proof.activities.ts */
export interface EmailProofActivities {
  /**
   * Derives the link's token from a server secret (a retry derives the same one), stores its
   * SHA-256 with the expiry and returns that hash only. Called before the mail goes out, so the
   * workflow knows the link before the holder can click it.
   */
  prepareEmailProof(input: { subscriptionId: string; kind: 'initial' | 'reminder'; expiresAt: string }): Promise<{ tokenHash: string }>;
  /** Mails the link prepared above (same derivation, so the same token). */
  sendEmailProof(input: { subscriptionId: string; kind: 'initial' | 'reminder'; to: Addressee; expiresAt: string }): Promise<void>;
}

/** notification.activities.ts */
export interface NotificationActivities {
  notifyHolder(input: { subscriptionId: string; idempotencyKey: string; to: Addressee; notice: HolderNotice }): Promise<void>;
  notifySupervisors(input: { subscriptionId: string; idempotencyKey: string; region: RegionCode; waitingSince: string }): Promise<void>;
}

export interface IssuedCertificateSummary {
  profile: CertificateProfileName;
  serial: string;
  region: RegionCode;
  notBefore: string;
  notAfter: string;
}

/** issuance.activities.ts — each idempotent, keyed by the subscription (one cycle = one pair). */
export interface IssuanceActivities {
  /** Persists the intent with both serials before anything is signed; returns the existing one on retry. */
  prepareIssuance(input: { subscriptionId: string; region: RegionCode }): Promise<{ signatureSerial: string; authenticationSerial: string }>;
  /** Keys generated on the holder's token, CSRs, both certificates signed with the intent's serials and written back. */
  issueCertificates(input: { subscriptionId: string; registration: HolderRegistration; issuedAt: string }): Promise<IssuedCertificateSummary[]>;
  /** Sets a fresh activation code on the token and prints it in the activation letter: the code never leaves this activity. */
  sealTokenAndPrintLetter(input: { subscriptionId: string; registration: HolderRegistration }): Promise<void>;
}

/** revocation.activities.ts */
export interface RevocationActivities {
  revokeCertificates(input: {
    subscriptionId: string;
    serials: string[];
    reason: RevocationReason;
    revokedAt: string;
    invalidityDate?: string;
  }): Promise<{ revoked: string[] }>;
  /** Asks the region's CRL publisher for a new CRL now (coalesced with other requests). */
  requestCrlPublication(input: { region: RegionCode }): Promise<void>;
}

/** projection.activities.ts */
export type { ProjectionActivities } from './projection.activities.js';

/** crl.activities.ts */
export interface CrlActivities {
  /**
   * Builds the region's CRL from the database, with the next CRL number, signs and publishes it
   * (file + database). `requestedAt` (the workflow's time) is the earliest thisUpdate it may carry.
   */
  publishCrl(input: { region: RegionCode; requestedAt?: string }): Promise<{ crlNumber: string; entries: number; nextUpdate: string }>;
}

/** incident.activities.ts */
export interface IncidentActivities {
  /** Records (or, for the same incident failing again, updates) an open incident; audited and logged. */
  openIncident(input: {
    incidentId: string;
    subscriptionId: string;
    region: RegionCode;
    step: IncidentStep;
    error: IncidentError;
    actions: IncidentAction[];
    at: string;
  }): Promise<void>;
  /** Closes it with the decision taken (or `recovered` when a retry went through on its own). */
  closeIncident(input: { incidentId: string; resolution: IncidentAction | 'recovered'; by: string; at: string }): Promise<void>;
  /** The region's CRL could not be published: an open CRL incident for the region, audited and logged. */
  reportCrlFailure(input: { region: RegionCode; error: IncidentError; at: string }): Promise<void>;
}

/** Every activity a workflow may call, by name (workflows/activity-policies.ts gives each its options). */
export type WorkflowActivities = EmailProofActivities &
  NotificationActivities &
  IssuanceActivities &
  RevocationActivities &
  ProjectionActivities &
  CrlActivities &
  IncidentActivities &
  BulkRevocationActivities &
  RetentionActivities;

/** bulk-revocation.activities.ts */
export interface BulkRevocationActivities {
  /** Revokes the open cycle of one holder through its workflow's revoke Update. */
  revokeHolder(input: {
    registrationNumber: string;
    ground: RevocationGround;
    decisionReference: string;
    requester: StaffActor;
    approvedBy: StaffActor;
  }): Promise<{ outcome: 'revoked' | 'unknown' | 'already-revoked'; detail?: string }>;
}

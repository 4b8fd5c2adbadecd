import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CertificateProfileName,
  HolderActor,
  HolderRegistration,
  RevocationGround,
  RevocationReason,
  StaffActor,
  Actor,
  PendingAction,
  SubscriptionState,
} from '#libs/domain';

import type { IncidentStep } from './incident-messages.js';

// Defined in libs/domain, where the API's views (shared with the web front) read it too.
export type { PendingAction };

/** The workflow type the API starts (its function name in workflows/). */
export const SUBSCRIPTION_WORKFLOW_TYPE = 'subscriptionWorkflow';

export interface SubscriptionWorkflowInput {
  subscriptionId: string;
  registration: HolderRegistration;
  /** The cycle this one renews (contract §13.1): its certificates are superseded once ours are delivered. */
  previousSubscriptionId?: string;
  /** Set when the workflow continued as new during its active period: the cycle as it stood. */
  resume?: CycleSnapshot;
}

/** What an active cycle carries across continue-as-new (its history starts afresh, its state does not). */
export interface CycleSnapshot {
  timeline: TimelineStep[];
  certificates: (CertificateSummary & { region: string })[];
  paid: boolean;
  renewedBy?: string;
  pendingAction?: PendingAction;
}

export interface TimelineStep {
  state: SubscriptionState;
  at: string;
  /** Who caused the step, in words (never personal data). */
  by?: string;
  note?: string;
}

export interface CertificateSummary {
  profile: CertificateProfileName;
  serial: string;
  notAfter: string;
  revoked?: { at: string; reason: RevocationReason };
}

export interface SubscriptionStatus {
  subscriptionId: string;
  state: SubscriptionState;
  timeline: TimelineStep[];
  pendingAction?: PendingAction;
  certificates: CertificateSummary[];
  paid: boolean;
  previousSubscriptionId?: string;
  renewedBy?: string;
  /** The step the cycle is held at by an incident, while staff have not decided (incident-messages.ts). */
  incident?: { incidentId: string; step: IncidentStep; openedAt: string };
}

/** Current state, timeline, pending action and certificates, straight from the workflow. */
export const statusQuery = defineQuery<SubscriptionStatus>('status');

/**
 * Completes once the registration is projected into PostgreSQL, so that the API can answer
 * 201 knowing that a read of the subscription will find it.
 */
export const registrationRecordedUpdate = defineUpdate<SubscriptionStatus>('registrationRecorded');

/**
 * The type of the failure with which `registrationRecorded` answers when the registration number
 * already has a cycle in progress: the API says "not recorded" and no more (the reason is mailed).
 */
export const REGISTRATION_REFUSED_FAILURE_TYPE = 'RegistrationRefused';

/** The holder followed the emailed link; the API passes the token's SHA-256, never the token. */
export interface ConfirmEmailRequest {
  tokenHash: string;
}
export const confirmEmailUpdate = defineUpdate<SubscriptionStatus, [ConfirmEmailRequest]>('confirmEmail');

/** The ID-document copy is stored encrypted by the API; the workflow only keeps its reference. */
export interface SubmitDocumentsRequest {
  documentId: string;
}
export const submitDocumentsUpdate = defineUpdate<SubscriptionStatus, [SubmitDocumentsRequest]>('submitDocuments');

export type ReviewDecision = 'approve' | 'reject' | 'request-information';
export interface ReviewRequest {
  decision: ReviewDecision;
  /** Required for reject (sent to the holder) and request-information (what is missing). */
  reason?: string;
  reviewer: StaffActor;
}
export const reviewUpdate = defineUpdate<SubscriptionStatus, [ReviewRequest]>('review');

export interface PaymentRequest {
  amountCents: number;
  reference: string;
  recordedBy: StaffActor;
}
export const recordPaymentUpdate = defineUpdate<SubscriptionStatus, [PaymentRequest]>('recordPayment');

/** The CROEC agent's record of the in-person hand-over (contract §6.2). */
export interface HandOverRequest {
  agent: StaffActor;
  originalsChecked: boolean;
  documentsMatch: boolean;
  tokenSerial?: string;
  note?: string;
}
export const recordHandOverUpdate = defineUpdate<SubscriptionStatus, [HandOverRequest]>('recordHandOver');

export interface RevokeRequest {
  ground: RevocationGround;
  requester: Actor;
  /** Both certificates unless some are named. */
  certificates?: CertificateProfileName[];
  invalidityDate?: string;
  comment?: string;
}
/** Before issuance this cancels the request; after it, revokes (final, never reinstated). */
export const revokeUpdate = defineUpdate<SubscriptionStatus, [RevokeRequest]>('revoke');

export interface RenewalRequest {
  requester: HolderActor | StaffActor;
}
export interface RenewalStarted {
  nextSubscriptionId: string;
}
export const requestRenewalUpdate = defineUpdate<RenewalStarted, [RenewalRequest]>('requestRenewal');

/** Changes the holder reports (contract §12.2). Fields absent are unchanged. */
export interface HolderChanges {
  givenName?: string;
  surname?: string;
  email?: string;
  registrationNumber?: string;
  firm?: string | null;
}
export interface ReportChangeRequest {
  changes: HolderChanges;
  requester: HolderActor | StaffActor;
}
export const reportChangeUpdate = defineUpdate<SubscriptionStatus, [ReportChangeRequest]>('reportChange');

/** Sent by the next cycle once its tokens are handed over: our certificates are superseded. */
export interface SuccessorActivated {
  successorSubscriptionId: string;
}
export const successorActivatedSignal = defineSignal<[SuccessorActivated]>('successorActivated');

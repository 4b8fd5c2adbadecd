import { defineUpdate } from '@temporalio/workflow';
import type { HolderRegistration, StaffActor } from '#libs/domain';

/**
 * Incidents (DESIGN.md, "Incidents"): a step of a cycle that could not be completed once its
 * activity's retries were spent, or failed in a way retrying cannot cure. The cycle waits at that
 * step for a person; revocation does not wait (the revoke Update applies it at once).
 */

/** The step that failed: the name of the activity (workflows/activity-policies.ts). */
export type IncidentStep =
  | 'claimRegistrationNumber'
  | 'recordTransition'
  | 'prepareEmailProof'
  | 'sendEmailProof'
  | 'notifyHolder'
  | 'notifySupervisors'
  | 'prepareIssuance'
  | 'issueCertificates'
  | 'sealTokenAndPrintLetter'
  | 'revokeCertificates'
  | 'requestCrlPublication'
  | 'publishCrl';

/**
 * What staff can decide: run the step again; correct the holder's details then run it again; go
 * on without it (a message that could not be sent); end the cycle (the request is cancelled, or
 * certificates not yet handed over are revoked).
 */
export const INCIDENT_ACTIONS = ['retry', 'correct', 'skip', 'cancel'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** The failure as staff read it: its type and a one-line message (no personal data, no payload). */
export interface IncidentError {
  type: string;
  message: string;
  /** false when retrying cannot cure it (a refusal); true when the retries ran out. */
  retryable: boolean;
}

export interface OpenIncident {
  incidentId: string;
  step: IncidentStep;
  openedAt: string;
  error: IncidentError;
  actions: IncidentAction[];
}

/** The holder details staff may correct (those a failed step may have refused). */
export type HolderCorrections = Partial<Pick<HolderRegistration, 'givenName' | 'surname' | 'email' | 'firm' | 'postalAddress'>>;

export interface IncidentDecision {
  incidentId: string;
  action: IncidentAction;
  /** With `correct`: the details as they should be. */
  corrections?: HolderCorrections;
  /** Why (kept on the timeline and in the incident). */
  comment?: string;
  staff: StaffActor;
}

/** Staff decide on the cycle's open incident; refused when it is not open or the action is not offered. */
export const resolveIncidentUpdate = defineUpdate<IncidentOutcome, [IncidentDecision]>('resolveIncident');

export interface IncidentOutcome {
  /** The state of the cycle once the decision was carried out. */
  state: string;
  /** A new incident, if the step failed again. */
  incident?: { incidentId: string; step: IncidentStep; openedAt: string };
}

/** Failure type of an Update whose effect is held by an incident: the API answers 503 with its message. */
export const INCIDENT_FAILURE_TYPE = 'HeldByIncident';

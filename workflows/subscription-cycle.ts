import {
  canTransition,
  describeActor,
  isTerminal,
  refuseRevocationRequest,
  refuseText,
  revocationReasonOf,
  CERTIFIED_STATES,
  type Actor,
  type CertificateProfileName,
  type HolderRegistration,
  type SubscriptionState,
} from '#libs/domain';
import type {
  CertificateSummary,
  ConfirmEmailRequest,
  CycleSnapshot,
  HandOverRequest,
  HolderChanges,
  HolderCorrections,
  IncidentDecision,
  OpenIncident,
  PaymentRequest,
  PendingAction,
  RenewalRequest,
  ReportChangeRequest,
  ReviewRequest,
  RevokeRequest,
  SubmitDocumentsRequest,
  SubscriptionStatus,
  SubscriptionWorkflowInput,
  TimelineStep,
} from '#libs/contract';

/** An email-proof link in force: its token's hash and when it expires. */
interface EmailProof {
  tokenHash: string;
  expiresAt: string;
}

/**
 * The state of one subscription cycle inside its workflow, and the rules that say which request
 * is acceptable when. Plain data and pure functions, no Temporal calls: update validators call
 * the `refuse…` methods (a string is the reason for refusing), the workflow's main loop consumes
 * what handlers put in the inbox and moves the cycle with `enter`.
 */
export class SubscriptionCycle {
  readonly subscriptionId: string;
  registration: HolderRegistration;
  readonly previousSubscriptionId?: string;
  private readonly steps: TimelineStep[] = [];
  pendingAction?: PendingAction;
  emailProofs: EmailProof[] = [];
  payment?: Omit<PaymentRequest, 'recordedBy'> & { recordedBy: string };
  certificates: (CertificateSummary & { region: string })[] = [];
  renewedBy?: string;
  /** Serials reserved by the issuance intent: revoked too if the cycle ends while issuance is held. */
  reservedSerials: string[] = [];
  /** The step the cycle is held at, until staff decide (DESIGN.md, "Incidents"). */
  incident?: OpenIncident;
  /** Set while a reported change is being recorded: staff may then correct what the holder reported. */
  changeInProgress = false;

  /** Requests accepted by update handlers, waiting for the main loop. */
  readonly inbox: {
    emailConfirmed?: boolean;
    documents?: SubmitDocumentsRequest;
    decision?: ReviewRequest;
    payment?: PaymentRequest;
    handOver?: HandOverRequest;
    revocations: RevokeRequest[];
    renewal?: RenewalRequest;
    changes: ReportChangeRequest[];
    successor?: string;
    incidentDecision?: IncidentDecision;
  } = { revocations: [], changes: [] };

  constructor(input: SubscriptionWorkflowInput) {
    this.subscriptionId = input.subscriptionId;
    this.registration = input.registration;
    this.previousSubscriptionId = input.previousSubscriptionId;
    if (input.resume) {
      this.steps.push(...input.resume.timeline);
      this.certificates = input.resume.certificates;
      this.renewedBy = input.resume.renewedBy;
      this.pendingAction = input.resume.pendingAction;
      if (input.resume.paid) this.payment = { amountCents: 0, reference: '(before continue-as-new)', recordedBy: 'unknown' };
    }
  }

  /** The state to carry into the next run when the workflow continues as new. */
  snapshot(): CycleSnapshot {
    return {
      timeline: [...this.steps],
      certificates: this.certificates,
      paid: this.paid,
      renewedBy: this.renewedBy,
      pendingAction: this.pendingAction,
    };
  }

  get state(): SubscriptionState | undefined {
    return this.steps.at(-1)?.state;
  }

  /** Sequence number of the last step, used as the projection's idempotency key. */
  get seq(): number {
    return this.steps.length;
  }

  get isOver(): boolean {
    return this.state !== undefined && isTerminal(this.state);
  }

  get paid(): boolean {
    return this.payment !== undefined;
  }

  get activeCertificates() {
    return this.certificates.filter((certificate) => !certificate.revoked);
  }

  /** Moves to `to`, or throws if the lifecycle forbids it (a bug: validators check first). */
  enter(to: SubscriptionState, at: Date, details: { by?: Actor; note?: string } = {}): TimelineStep {
    const from = this.state;
    if (from === undefined ? to !== 'REGISTERED' : !canTransition(from, to)) {
      throw new Error(`Illegal transition ${from ?? '(start)'} -> ${to}`);
    }
    const step: TimelineStep = { state: to, at: at.toISOString() };
    if (details.by) step.by = describeActor(details.by);
    if (details.note) step.note = details.note;
    this.steps.push(step);
    if (isTerminal(to)) this.pendingAction = undefined;
    return step;
  }

  /** A step that is not a change of state (e.g. a payment, a reminder): recorded on the timeline only. */
  note(at: Date, note: string, by?: Actor): TimelineStep {
    if (!this.state) throw new Error('Subscription cycle has not started');
    const step: TimelineStep = { state: this.state, at: at.toISOString(), note };
    if (by) step.by = describeActor(by);
    this.steps.push(step);
    return step;
  }

  status(): SubscriptionStatus {
    if (!this.state) throw new Error('Subscription cycle has not started');
    return {
      subscriptionId: this.subscriptionId,
      state: this.state,
      timeline: [...this.steps],
      pendingAction: this.pendingAction,
      certificates: this.certificates.map(({ region: _region, ...summary }) => summary),
      paid: this.paid,
      previousSubscriptionId: this.previousSubscriptionId,
      renewedBy: this.renewedBy,
      ...(this.incident ? { incident: { incidentId: this.incident.incidentId, step: this.incident.step, openedAt: this.incident.openedAt } } : {}),
    };
  }

  // ---- validators: each returns why a request is refused, or undefined -------------------------

  refuseEmailConfirmation(request: ConfirmEmailRequest, now: Date): string | undefined {
    if (this.incident) return this.held('confirm an email address');
    if (this.state !== 'AWAITING_EMAIL_PROOF') return this.wrongState('confirm an email address');
    const proof = this.emailProofs.find((p) => p.tokenHash === request.tokenHash);
    if (!proof) return 'this confirmation link is not valid for this subscription';
    if (new Date(proof.expiresAt) <= now) return 'this confirmation link has expired';
    return undefined;
  }

  refuseDocuments(request: SubmitDocumentsRequest): string | undefined {
    if (this.incident) return this.held('submit documents');
    if (this.state !== 'AWAITING_DOCUMENTS') return this.wrongState('submit documents');
    if (!request.documentId) return 'documentId is required';
    return undefined;
  }

  refuseReview(request: ReviewRequest): string | undefined {
    if (this.incident) return this.held('review the request');
    if (this.state !== 'IN_REVIEW') return this.wrongState('review the request');
    if (request.reviewer.role !== 'ecma-operator') return `role ${request.reviewer.role} cannot review requests`;
    if (request.reviewer.registrationNumber === this.registration.registrationNumber) {
      return 'a reviewer cannot decide on their own request';
    }
    if (request.decision !== 'approve' && !request.reason?.trim()) return `a reason is required to ${request.decision}`;
    return textRefusal({ reason: request.reason }, 'multiline');
  }

  refusePayment(request: PaymentRequest): string | undefined {
    if (this.incident) return this.held('record a payment');
    const payable: SubscriptionState[] = ['AWAITING_DOCUMENTS', 'IN_REVIEW', 'AWAITING_PAYMENT'];
    if (!this.state || !payable.includes(this.state)) return this.wrongState('record a payment');
    if (this.paid || this.inbox.payment) return 'the payment is already recorded';
    if (request.recordedBy.role !== 'ecma-operator') return `role ${request.recordedBy.role} cannot record payments`;
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) return 'amountCents must be a positive integer';
    if (!request.reference?.trim()) return 'a payment reference is required';
    return textRefusal({ reference: request.reference });
  }

  refuseHandOver(request: HandOverRequest): string | undefined {
    if (this.incident) return this.held('record a hand-over');
    if (this.state !== 'AWAITING_DELIVERY') return this.wrongState('record a hand-over');
    if (request.agent.role !== 'croec-agent') return `role ${request.agent.role} cannot hand tokens over`;
    if (request.agent.region !== this.registration.region) {
      return `an agent of region ${request.agent.region ?? '(none)'} cannot hand over a token of region ${this.registration.region}`;
    }
    return textRefusal({ tokenSerial: request.tokenSerial }) ?? textRefusal({ note: request.note }, 'multiline');
  }

  refuseRevocation(request: RevokeRequest): string | undefined {
    // Before the first step is recorded the request simply waits in the inbox, like any other.
    if (this.isOver) return `the subscription has ended (${this.state}): nothing to revoke`;
    const refusal = refuseRevocationRequest(request.requester, request.ground);
    if (refusal) return refusal;
    if (request.requester.kind === 'holder' && request.requester.registrationNumber !== this.registration.registrationNumber) {
      return 'a holder can only revoke their own certificates';
    }
    const named = request.certificates ?? [];
    if (named.length > 0 && (!this.state || !CERTIFIED_STATES.has(this.state))) return 'there are no certificates yet: the request can only be cancelled';
    for (const profile of named) {
      const certificate = this.certificates.find((c) => c.profile === profile);
      if (certificate?.revoked) return `the ${profile} certificate is already revoked`;
    }
    return textRefusal({ comment: request.comment }, 'multiline');
  }

  refuseRenewal(request: RenewalRequest): string | undefined {
    if (this.incident) return this.held('renew');
    if (this.state !== 'ACTIVE') return this.wrongState('renew');
    if (this.renewedBy || this.inbox.renewal) return `renewal already requested (${this.renewedBy ?? 'in progress'})`;
    if (request.requester.kind === 'holder' && request.requester.registrationNumber !== this.registration.registrationNumber) {
      return 'a holder can only renew their own subscription';
    }
    return undefined;
  }

  refuseChange(request: ReportChangeRequest): string | undefined {
    if (this.isOver) return `the subscription has ended (${this.state})`;
    if (this.incident) return this.held('report a change');
    if (Object.keys(request.changes).length === 0) return 'no change reported';
    if (request.requester.kind === 'holder' && request.requester.registrationNumber !== this.registration.registrationNumber) {
      return 'a holder can only report changes to their own subscription';
    }
    return textRefusal({ ...request.changes });
  }

  /** Staff's decision on the open incident: only the incident open now, only an action it offers. */
  refuseIncidentDecision(decision: IncidentDecision): string | undefined {
    if (!this.incident || this.incident.incidentId !== decision.incidentId) return `incident ${decision.incidentId} is not open on this subscription`;
    if (decision.staff.role !== 'ecma-operator' && decision.staff.role !== 'ca-officer') return `role ${decision.staff.role} cannot decide on incidents`;
    if (!this.incident.actions.includes(decision.action)) {
      return `cannot ${decision.action} at step ${this.incident.step}: the incident offers ${this.incident.actions.join(', ')}`;
    }
    if (decision.action === 'correct') {
      const corrections = decision.corrections ?? {};
      if (Object.keys(corrections).length === 0) return 'a correction names at least one detail';
      if (corrections.email !== undefined && this.state !== 'REGISTERED' && this.state !== 'AWAITING_EMAIL_PROOF') {
        return 'the holder proved the email address: staff cannot replace it (contract §4.1)';
      }
      if (!this.changeInProgress && this.certificates.length > 0 && this.changesCertificateContent(corrections)) {
        return 'these details are in the certificates: correcting them means reporting a change, which revokes the certificates';
      }
      const { postalAddress, ...lines } = corrections;
      const refused = textRefusal(lines) ?? (postalAddress ?? []).map((line) => textRefusal({ postalAddress: line })).find(Boolean);
      if (refused) return refused;
    }
    return textRefusal({ comment: decision.comment }, 'multiline');
  }

  // ---- rules the main loop applies ---------------------------------------------------------------

  /** The certificates a revocation request concerns (both unless some are named), not yet revoked. */
  certificatesToRevoke(request: RevokeRequest): (CertificateSummary & { region: string })[] {
    const named: CertificateProfileName[] | undefined = request.certificates?.length ? request.certificates : undefined;
    return this.activeCertificates.filter((c) => !named || named.includes(c.profile));
  }

  markRevoked(serials: string[], at: Date, request: RevokeRequest): void {
    for (const certificate of this.certificates) {
      // A revocation is final: the first one recorded stays, as in the certificates table.
      if (serials.includes(certificate.serial) && !certificate.revoked) {
        certificate.revoked = { at: at.toISOString(), reason: revocationReasonOf(request.ground) };
      }
    }
  }

  /** Whether reported changes alter what the certificates say (subject, email), making them inaccurate (§9.1). */
  changesCertificateContent(changes: HolderChanges | HolderCorrections): boolean {
    const r = this.registration;
    return (
      (changes.givenName !== undefined && changes.givenName !== r.givenName) ||
      (changes.surname !== undefined && changes.surname !== r.surname) ||
      (changes.email !== undefined && changes.email !== r.email) ||
      ('registrationNumber' in changes && changes.registrationNumber !== undefined && changes.registrationNumber !== r.registrationNumber) ||
      (changes.firm !== undefined && (changes.firm ?? undefined) !== r.firm)
    );
  }

  applyChanges(changes: HolderChanges | HolderCorrections): void {
    const { firm, ...rest } = changes;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    this.registration = { ...this.registration, ...defined };
    if (firm !== undefined) this.registration.firm = firm ?? undefined;
  }

  private wrongState(action: string): string {
    return `cannot ${action}: the subscription is ${this.state ?? 'not started'}`;
  }

  private held(action: string): string {
    return `cannot ${action} now: the subscription is held at step ${this.incident!.step} by an incident that ECMA staff must resolve first`;
  }
}

/** The text policy of libs/domain on each string field given, naming the first refused one. */
function textRefusal(fields: Record<string, unknown>, kind: 'line' | 'multiline' = 'line'): string | undefined {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    const refusal = refuseText(value, kind);
    if (refusal) return `${field} ${refusal}`;
  }
  return undefined;
}

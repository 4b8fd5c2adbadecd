import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  INCIDENT_FAILURE_TYPE,
  REGISTRATION_REFUSED_FAILURE_TYPE,
  SUBSCRIPTION_WORKFLOW_TYPE,
  confirmEmailUpdate,
  recordHandOverUpdate,
  recordPaymentUpdate,
  registrationRecordedUpdate,
  reportChangeUpdate,
  requestRenewalUpdate,
  resolveIncidentUpdate,
  reviewUpdate,
  revokeUpdate,
  statusQuery,
  submitDocumentsUpdate,
  subscriptionWorkflowId,
  successorActivatedSignal,
  type IncidentAction,
  type IncidentDecision,
  type IncidentStep,
  type OpenIncident,
  type PendingAction,
  type ReportChangeRequest,
  type RevokeRequest,
  type SubscriptionStatus,
  type SubscriptionWorkflowInput,
  type TimelineStep,
} from '#libs/contract';
import {
  CERTIFIED_STATES,
  DAY_MS,
  LIFECYCLE_TIMING,
  addWorkingDays,
  describeActor,
  revocationReasonOf,
  type Actor,
  type CertificateProfileName,
  type SubscriptionState,
} from '#libs/domain';
import type { HolderNotice } from '../activities/notification-types.js';
import { activity } from './activity-policies.js';
import { describeFailure } from './incident-errors.js';
import { SubscriptionCycle } from './subscription-cycle.js';

const recordTransition = activity('recordTransition');
const claimRegistrationNumber = activity('claimRegistrationNumber');
const prepareEmailProof = activity('prepareEmailProof');
const sendEmailProof = activity('sendEmailProof');
const notifyHolder = activity('notifyHolder');
const notifySupervisors = activity('notifySupervisors');
const prepareIssuance = activity('prepareIssuance');
const issueCertificates = activity('issueCertificates');
const sealTokenAndPrintLetter = activity('sealTokenAndPrintLetter');
const revokeCertificates = activity('revokeCertificates');
const requestCrlPublication = activity('requestCrlPublication');
const openIncident = activity('openIncident');
const closeIncident = activity('closeIncident');

/**
 * Workflow versions (`patched`): histories recorded before each change replay on the code they
 * ran (test/replay). STEP_INCIDENTS: a step whose activity fails for good holds the cycle in an
 * incident instead of failing the workflow task. REVOCATION_FIRST: the revoke Update revokes the
 * certificates itself, at once, instead of queueing behind the step the cycle is at.
 * REGISTRATION_CLAIM: a new cycle first takes its registration number (one cycle in progress per
 * number, enforced by PostgreSQL); refused, it ends unrecorded and tells the address given why.
 */
const STEP_INCIDENTS = 'step-incidents';
const REVOCATION_FIRST = 'revocation-first';
const REGISTRATION_CLAIM = 'registration-claim';

const SYSTEM: Actor = { kind: 'system', name: 'lifecycle' };
const days = (n: number) => n * DAY_MS;
/** A failure that may heal (the retries ran out) is tried again on its own every hour, for a day, while staff have not decided. */
const AUTOMATIC_RETRY_INTERVAL = '1 hour';
const AUTOMATIC_RETRIES = 24;
/** How long a revoke Update waits for the cycle to record the revocation it has already applied. */
const REVOCATION_RECORDING_WAIT = '30 seconds';

/** Unwinds the main flow once the cycle has ended in the middle of a step (an incident closed by staff). */
class CycleEnded extends Error {}

interface AppliedRevocation {
  certificates: { profile: CertificateProfileName; serial: string }[];
  revokedAt: string;
}

/**
 * One subscription cycle, from registration to its end (DESIGN.md, contract §4–§13), and the
 * only writer of its state. Update handlers validate and queue requests; this main flow consumes
 * them one at a time, so no two transitions ever interleave. Revocation alone does not queue: its
 * Update revokes the certificates at once, whatever step the main flow is at (DESIGN.md).
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionStatus> {
  const cycle = new SubscriptionCycle(input);
  const flow = new CycleFlow(cycle, input);
  flow.registerHandlers();
  try {
    if (input.resume) {
      // Continued as new in the active period: everything before is already recorded.
      await flow.runActivePeriod();
    } else if (await flow.register()) {
      await flow.notify({ kind: 'registration-received', region: input.registration.region, receivedAt: new Date().toISOString() });
      (await flow.proveEmail()) &&
        (await flow.collectDocumentsAndReview()) &&
        (await flow.collectPayment()) &&
        (await flow.issue()) &&
        (await flow.deliver()) &&
        (await flow.runActivePeriod());
    }
  } catch (error) {
    if (!(error instanceof CycleEnded)) throw error;
  }
  flow.answerLeftoverRequests();
  await condition(allHandlersFinished);
  return cycle.status();
}

/** The workflow's steps over one cycle; each returns false once the cycle is over. */
class CycleFlow {
  /** refused: another cycle in progress holds the registration number, and this one ends unrecorded. */
  private registration: 'awaited' | 'recorded' | 'refused';
  /** Sequence number of the last step written to PostgreSQL: Updates answer once their effect is readable there. */
  private projectedSeq: number;
  /** Revocations applied or being applied, by request: the Update and the main flow share one application. */
  private readonly revocations = new Map<RevokeRequest, Promise<AppliedRevocation>>();
  /** One revocation at a time, in the order asked, so that the first one recorded is the first one applied. */
  private revocationQueue: Promise<unknown> = Promise.resolve();
  /** Staff decisions on incidents that the main flow has carried out (the resolve Update answers then). */
  private readonly decisionsCarriedOut = new Set<IncidentDecision>();

  constructor(
    private readonly cycle: SubscriptionCycle,
    private readonly input: SubscriptionWorkflowInput,
  ) {
    this.registration = input.resume !== undefined ? 'recorded' : 'awaited';
    this.projectedSeq = cycle.seq;
  }

  registerHandlers(): void {
    const cycle = this.cycle;
    const now = () => new Date();
    setHandler(statusQuery, () => cycle.status());
    setHandler(registrationRecordedUpdate, async () => {
      await condition(() => this.registration !== 'awaited' || cycle.incident !== undefined);
      if (this.registration === 'refused') {
        throw ApplicationFailure.create({ type: REGISTRATION_REFUSED_FAILURE_TYPE, message: 'the registration number has a cycle in progress', nonRetryable: true });
      }
      if (this.registration === 'awaited') throw heldByIncident(cycle.incident!, 'the registration was received but could not be recorded');
      return cycle.status();
    });
    setHandler(
      confirmEmailUpdate,
      async () => {
        cycle.inbox.emailConfirmed = true;
        return this.settled(() => !cycle.inbox.emailConfirmed);
      },
      { validator: (request) => fail(cycle.refuseEmailConfirmation(request, now())) },
    );
    setHandler(
      submitDocumentsUpdate,
      async (request) => {
        cycle.inbox.documents = request;
        return this.settled(() => !cycle.inbox.documents);
      },
      { validator: (request) => fail(cycle.refuseDocuments(request)) },
    );
    setHandler(
      reviewUpdate,
      async (request) => {
        cycle.inbox.decision = request;
        return this.settled(() => !cycle.inbox.decision);
      },
      { validator: (request) => fail(cycle.refuseReview(request)) },
    );
    setHandler(
      recordPaymentUpdate,
      async (request) => {
        cycle.inbox.payment = request;
        return this.settled(() => !cycle.inbox.payment);
      },
      { validator: (request) => fail(cycle.refusePayment(request)) },
    );
    setHandler(
      recordHandOverUpdate,
      async (request) => {
        cycle.inbox.handOver = request;
        return this.settled(() => !cycle.inbox.handOver);
      },
      { validator: (request) => fail(cycle.refuseHandOver(request)) },
    );
    setHandler(
      revokeUpdate,
      async (request) => {
        cycle.inbox.revocations.push(request);
        const consumed = () => !cycle.inbox.revocations.includes(request);
        if (!patched(REVOCATION_FIRST)) return this.settled(consumed);
        return this.revokeAtOnce(request, consumed);
      },
      { validator: (request) => fail(cycle.refuseRevocation(request)) },
    );
    setHandler(
      reportChangeUpdate,
      async (request) => {
        cycle.inbox.changes.push(request);
        return this.settled(() => !cycle.inbox.changes.includes(request));
      },
      { validator: (request) => fail(cycle.refuseChange(request)) },
    );
    setHandler(
      requestRenewalUpdate,
      async (request) => {
        cycle.inbox.renewal = request;
        await condition(() => cycle.renewedBy !== undefined || cycle.isOver);
        // An ApplicationFailure fails this Update; any other error would fail the workflow task,
        // retried for ever with the Update never answered.
        if (!cycle.renewedBy) {
          throw ApplicationFailure.create({ type: 'SubscriptionEnded', message: `the subscription ended (${cycle.state}) before renewal`, nonRetryable: true });
        }
        return { nextSubscriptionId: cycle.renewedBy };
      },
      { validator: (request) => fail(cycle.refuseRenewal(request)) },
    );
    setHandler(
      resolveIncidentUpdate,
      async (decision) => {
        cycle.inbox.incidentDecision = decision;
        await condition(() => this.decisionsCarriedOut.has(decision));
        this.decisionsCarriedOut.delete(decision);
        const incident = cycle.incident;
        return { state: cycle.state!, ...(incident ? { incident: { incidentId: incident.incidentId, step: incident.step, openedAt: incident.openedAt } } : {}) };
      },
      { validator: (decision) => fail(cycle.refuseIncidentDecision(decision)) },
    );
    setHandler(successorActivatedSignal, ({ successorSubscriptionId }) => {
      cycle.inbox.successor = successorSubscriptionId;
    });
  }

  // ---- the phases ---------------------------------------------------------------------------

  /**
   * REGISTERED, recorded once the cycle holds its registration number (one cycle in progress per
   * number; a renewal takes over the claim of the cycle it renews). Refused, the cycle is CANCELLED
   * in memory only: nothing of it reaches the database, the registration's Update answers
   * "refused" and the reason goes to the address given. False then.
   */
  async register(): Promise<boolean> {
    const registered = this.cycle.enter('REGISTERED', new Date());
    if (patched(REGISTRATION_CLAIM)) {
      const { subscriptionId, previousSubscriptionId, registration } = this.cycle;
      const request = { subscriptionId, registrationNumber: registration.registrationNumber, previousSubscriptionId };
      const { claimed } = await this.attempt('claimRegistrationNumber', () => claimRegistrationNumber(request));
      if (!claimed) {
        this.cycle.enter('CANCELLED', new Date(), { note: 'registration refused: the registration number has a cycle in progress' });
        this.registration = 'refused';
        await this.notify({ kind: 'registration-refused', registrationNumber: registration.registrationNumber });
        return false;
      }
    }
    await this.project(registered);
    this.registration = 'recorded';
    return true;
  }

  /** Contract §4.1: the holder proves the email address that the certificates will carry. */
  async proveEmail(): Promise<boolean> {
    const startedAt = Date.now();
    const expiresAt = new Date(startedAt + days(LIFECYCLE_TIMING.emailProofValidityDays)).toISOString();
    await this.enter('AWAITING_EMAIL_PROOF', { pending: { action: 'confirm-email', by: 'holder', deadline: expiresAt } });
    await this.sendProof('initial', expiresAt);
    const reminderAt = startedAt + days(LIFECYCLE_TIMING.emailProofReminderAfterDays);
    let outcome = await this.waitFor(() => !!this.cycle.inbox.emailConfirmed, reminderAt);
    if (outcome === 'timeout') {
      await this.sendProof('reminder', expiresAt);
      outcome = await this.waitFor(() => !!this.cycle.inbox.emailConfirmed, Date.parse(expiresAt));
    }
    if (outcome === 'over') return false;
    if (outcome === 'timeout') return this.abandon('email-not-confirmed');
    this.cycle.inbox.emailConfirmed = undefined;
    this.cycle.emailProofs = [];
    return true;
  }

  /** Contract §4.1 and §5: ID-document copy, then ECMA review (possibly several rounds). */
  async collectDocumentsAndReview(): Promise<boolean> {
    for (;;) {
      const deadline = Date.now() + days(LIFECYCLE_TIMING.documentsDeadlineDays);
      await this.enter('AWAITING_DOCUMENTS', { pending: { action: 'submit-documents', by: 'holder', deadline: iso(deadline) } });
      const documents = await this.waitFor(() => !!this.cycle.inbox.documents, deadline);
      if (documents === 'over') return false;
      if (documents === 'timeout') return this.abandon('documents-missing');
      this.cycle.inbox.documents = undefined;

      const reviewStartedAt = new Date();
      const serviceLevel = addWorkingDays(reviewStartedAt, LIFECYCLE_TIMING.reviewServiceLevelWorkingDays).getTime();
      await this.enter('IN_REVIEW', { pending: { action: 'review', by: 'ecma-operator', deadline: iso(serviceLevel) } });
      let decided = await this.waitFor(() => !!this.cycle.inbox.decision, serviceLevel);
      if (decided === 'timeout') {
        const overdue = {
          subscriptionId: this.cycle.subscriptionId,
          idempotencyKey: `${this.cycle.subscriptionId}/review-overdue/${this.cycle.seq}`,
          region: this.cycle.registration.region,
          waitingSince: reviewStartedAt.toISOString(),
        };
        await this.attempt('notifySupervisors', () => notifySupervisors(overdue));
        decided = await this.waitFor(() => !!this.cycle.inbox.decision);
      }
      if (decided === 'over') return false;
      const decision = this.cycle.inbox.decision!;
      this.cycle.inbox.decision = undefined;
      if (decision.decision === 'approve') {
        if (this.cycle.paid) return true;
        await this.enter('AWAITING_PAYMENT', { by: decision.reviewer, pending: { action: 'record-payment', by: 'ecma-operator' } });
        return true;
      }
      if (decision.decision === 'reject') {
        await this.enter('REJECTED', { by: decision.reviewer, note: decision.reason });
        await this.notify({ kind: 'rejected', reason: decision.reason! });
        return false;
      }
      await this.notify({ kind: 'information-requested', message: decision.reason! });
      await this.note(`information requested: ${decision.reason}`, decision.reviewer);
    }
  }

  /** Contract §12.1: the price is paid before anything is made. */
  async collectPayment(): Promise<boolean> {
    if (this.cycle.paid) return true;
    const paid = await this.waitFor(() => this.cycle.paid);
    return paid === 'event';
  }

  /** Contract §5: keys on the holder's token, both certificates, the activation letter. */
  async issue(): Promise<boolean> {
    const { subscriptionId } = this.cycle;
    await this.enter('ISSUING', { pending: { action: 'issue', by: 'system' } });
    const region = this.cycle.registration.region;
    const intent = await this.attempt('prepareIssuance', () => prepareIssuance({ subscriptionId, region }));
    this.cycle.reservedSerials = [intent.signatureSerial, intent.authenticationSerial];
    let issued: Awaited<ReturnType<typeof issueCertificates>>;
    try {
      // The registration is read at each attempt: a correction by staff is what the next one certifies.
      issued = await this.attempt('issueCertificates', () =>
        issueCertificates({ subscriptionId, registration: this.cycle.registration, issuedAt: new Date().toISOString() }),
      );
    } catch (error) {
      // Before incidents (replayed histories only): a CA refusal waited for a person in silence.
      if (!(error instanceof ActivityFailure)) throw error;
      await this.note(`issuance refused by the CA: ${error.cause?.message ?? error.message}`, SYSTEM);
      this.cycle.pendingAction = { action: 'issue', by: 'ecma-operator' };
      await this.waitFor(() => false);
      return false;
    }
    this.cycle.certificates = issued.map(({ profile, serial, notAfter, region }) => ({ profile, serial, notAfter, region }));
    await this.attempt('sealTokenAndPrintLetter', () => sealTokenAndPrintLetter({ subscriptionId, registration: this.cycle.registration }));
    const deadline = Date.now() + days(LIFECYCLE_TIMING.deliveryDeadlineDays);
    await this.enter('AWAITING_DELIVERY', { pending: { action: 'hand-over', by: 'croec-agent', deadline: iso(deadline) } });
    await this.notify({
      kind: 'certificates-issued',
      region,
      certificates: issued.map(({ profile, serial, notAfter }) => ({ profile, serial, notAfter })),
    });
    return !(await this.processInterruptions());
  }

  /** Contract §6: a CROEC agent of the holder's region hands the token over in person. */
  async deliver(): Promise<boolean> {
    const deadline = Date.parse(this.cycle.pendingAction?.deadline ?? iso(Date.now()));
    const handed = await this.waitFor(() => !!this.cycle.inbox.handOver, deadline);
    if (handed === 'over') return false;
    if (handed === 'timeout') {
      await this.revoke({ ground: 'token-not-delivered', requester: SYSTEM });
      return false;
    }
    const handOver = this.cycle.inbox.handOver!;
    this.cycle.inbox.handOver = undefined;
    if (!handOver.originalsChecked || !handOver.documentsMatch) {
      await this.revoke({ ground: 'identity-not-verified', requester: handOver.agent, comment: handOver.note });
      return false;
    }
    await this.enter('ACTIVE', {
      by: handOver.agent,
      note: handOver.tokenSerial ? `token ${handOver.tokenSerial} handed over` : 'token handed over',
      pending: { action: 'renew', by: 'holder', deadline: this.notAfter() },
    });
    if (this.cycle.previousSubscriptionId) {
      await getExternalWorkflowHandle(subscriptionWorkflowId(this.cycle.previousSubscriptionId)).signal(successorActivatedSignal, {
        successorSubscriptionId: this.cycle.subscriptionId,
      });
    }
    return true;
  }

  /** Contract §13.1: reminders before expiry, renewal into a new cycle, expiry at notAfter. */
  async runActivePeriod(): Promise<boolean> {
    const notAfter = Date.parse(this.notAfter());
    const reminders = LIFECYCLE_TIMING.renewalReminderDays
      .map((daysLeft) => ({ daysLeft, at: notAfter - days(daysLeft) }))
      .filter((reminder) => reminder.at > Date.now());
    for (;;) {
      // Never with an Update in flight: its handler waits for this run, which would never answer it.
      if (workflowInfo().continueAsNewSuggested && allHandlersFinished()) await this.continueAsNew();
      const next = reminders[0];
      const outcome = await this.waitFor(
        () => !!this.cycle.inbox.renewal || !!this.cycle.inbox.successor,
        next ? next.at : notAfter,
      );
      if (outcome === 'over') return false;
      if (outcome === 'timeout' && !next) {
        await this.enter('EXPIRED', { by: SYSTEM });
        return false;
      }
      if (outcome === 'timeout' && next) {
        reminders.shift();
        if (!this.cycle.renewedBy) await this.remind(next.daysLeft);
        continue;
      }
      if (this.cycle.inbox.renewal) await this.startRenewal();
      if (this.cycle.inbox.successor) {
        const successor = this.cycle.inbox.successor;
        this.cycle.inbox.successor = undefined;
        await this.supersede(successor);
        return false;
      }
    }
  }

  // ---- shared steps -------------------------------------------------------------------------

  /**
   * Waits for `event`, for `deadline` (epoch ms) if any, while serving the requests that may come
   * at any time (revocation, cancellation, reported changes). 'over' when the cycle ended meanwhile.
   */
  async waitFor(event: () => boolean, deadline?: number): Promise<'event' | 'timeout' | 'over'> {
    for (;;) {
      const ready = () => event() || this.interrupted();
      const happened = deadline === undefined ? (await condition(ready), true) : await condition(ready, Math.max(0, deadline - Date.now()));
      if (await this.processInterruptions()) return 'over';
      if (event()) return 'event';
      if (!happened || (deadline !== undefined && Date.now() >= deadline)) return 'timeout';
    }
  }

  private interrupted(): boolean {
    const inbox = this.cycle.inbox;
    return inbox.revocations.length > 0 || inbox.changes.length > 0 || inbox.payment !== undefined;
  }

  /** Serves the requests that may come at any time (revocation, changes, payment); true if the cycle is over afterwards. */
  async processInterruptions(): Promise<boolean> {
    const payment = this.cycle.inbox.payment;
    if (payment && !this.cycle.isOver) {
      this.cycle.payment = { amountCents: payment.amountCents, reference: payment.reference, recordedBy: payment.recordedBy.id };
      this.cycle.inbox.payment = undefined;
      await this.note(`payment recorded: ${payment.reference}`, payment.recordedBy);
    }
    while (!this.cycle.isOver && (this.cycle.inbox.revocations.length > 0 || this.cycle.inbox.changes.length > 0)) {
      const revocation = this.cycle.inbox.revocations[0];
      if (revocation) {
        await this.revoke(revocation);
        this.cycle.inbox.revocations.shift();
        continue;
      }
      const change = this.cycle.inbox.changes[0];
      await this.applyChange(change);
      this.cycle.inbox.changes.shift();
    }
    if (this.cycle.isOver) this.answerLeftoverRequests();
    return this.cycle.isOver;
  }

  /** Requests that arrived for a cycle that has ended are answered with its final status. */
  answerLeftoverRequests(): void {
    this.cycle.inbox.revocations.length = 0;
    this.cycle.inbox.changes.length = 0;
    this.cycle.inbox.payment = undefined;
  }

  /** Before issuance a revocation cancels the request; after it, revokes the certificates (final). */
  async revoke(request: RevokeRequest): Promise<void> {
    const cycle = this.cycle;
    if (cycle.isOver) return;
    if (!CERTIFIED_STATES.has(cycle.state!)) {
      await this.enter('CANCELLED', { by: request.requester, note: request.ground });
      await this.notify({ kind: 'cancelled' });
      return;
    }
    let applied = await this.attempt('revokeCertificates', () => this.applyRevocation(request));
    if (cycle.certificatesToRevoke(request).length > 0) {
      // Issued after the Update applied the request (it came during issuance): revoked now too.
      this.revocations.delete(request);
      const more = await this.attempt('revokeCertificates', () => this.applyRevocation(request));
      applied = { certificates: [...applied.certificates, ...more.certificates], revokedAt: applied.revokedAt };
    }
    const note = `${request.ground}: ${applied.certificates.map((c) => c.profile).join(' and ') || 'no certificate'} revoked`;
    if (cycle.activeCertificates.length === 0) await this.enter('REVOKED', { by: request.requester, note });
    else await this.note(note, request.requester);
    await this.notify({ kind: 'revoked', ground: request.ground, revokedAt: applied.revokedAt, certificates: applied.certificates });
  }

  /**
   * The revoke Update's own work: the certificates revoked in the database (OCSP answers revoked
   * from then on) and a CRL asked for, before and whatever the main flow is doing; the main flow
   * then records the transition. Answers once that is recorded, or at once if the cycle is held
   * by an incident, or after a bounded wait: the revocation itself is done by then.
   */
  private async revokeAtOnce(request: RevokeRequest, consumed: () => boolean): Promise<SubscriptionStatus> {
    let failure: unknown;
    let applied: AppliedRevocation | undefined;
    if (this.cycle.state && CERTIFIED_STATES.has(this.cycle.state)) {
      applied = await this.applyRevocation(request).catch((error: unknown) => ((failure = error), undefined));
    }
    const seqWhenQueued = this.cycle.seq;
    const recorded = () => consumed() && this.projectedSeq === this.cycle.seq && (this.cycle.seq > seqWhenQueued || this.cycle.isOver);
    await condition(() => recorded() || this.cycle.incident !== undefined || failure !== undefined, REVOCATION_RECORDING_WAIT);
    // Revoked certificates are revoked (OCSP, CRL) whether or not the timeline has caught up.
    if (recorded() || (applied && applied.certificates.length > 0)) return this.cycle.status();
    if (this.cycle.incident && failure === undefined) {
      throw heldByIncident(this.cycle.incident, 'the request was received; it will be carried out once the incident is resolved');
    }
    throw ApplicationFailure.create({
      type: 'RevocationDelayed',
      nonRetryable: true,
      message: `the request was received but not carried out yet${failure === undefined ? '' : ` (${describeFailure(failure).message})`}; it stays queued and is retried`,
    });
  }

  /** One application per request, shared by the Update and the main flow, one revocation at a time. */
  private applyRevocation(request: RevokeRequest): Promise<AppliedRevocation> {
    const pending = this.revocations.get(request);
    if (pending) return pending;
    const applying = this.revocationQueue.then(() => this.revokeCertificatesNow(request));
    this.revocationQueue = applying.catch(() => undefined);
    this.revocations.set(request, applying);
    // A failed application is tried again by whoever asks next (the main flow, through an incident).
    applying.catch(() => this.revocations.delete(request));
    return applying;
  }

  private async revokeCertificatesNow(request: RevokeRequest): Promise<AppliedRevocation> {
    const cycle = this.cycle;
    const targets = cycle.certificatesToRevoke(request);
    // Issuance held by an incident: a certificate of the intent may exist that the cycle has not heard of yet.
    const reserved = cycle.certificates.length === 0 ? cycle.reservedSerials : [];
    const revokedAt = new Date();
    if (targets.length + reserved.length > 0) {
      await revokeCertificates({
        subscriptionId: cycle.subscriptionId,
        serials: [...targets.map((c) => c.serial), ...reserved],
        reason: revocationReasonOf(request.ground),
        revokedAt: revokedAt.toISOString(),
        invalidityDate: request.invalidityDate,
      });
      cycle.markRevoked(targets.map((c) => c.serial), revokedAt, request);
      await requestCrlPublication({ region: cycle.registration.region });
    }
    return { certificates: targets.map(({ profile, serial }) => ({ profile, serial })), revokedAt: revokedAt.toISOString() };
  }

  /** Contract §12.2: changes before issuance amend the request; after it, inaccurate certificates are revoked. */
  private async applyChange(request: ReportChangeRequest): Promise<void> {
    const cycle = this.cycle;
    const inaccurate = CERTIFIED_STATES.has(cycle.state!) && cycle.changesCertificateContent(request.changes);
    cycle.applyChanges(request.changes);
    cycle.changeInProgress = true;
    try {
      await this.note(`changes reported: ${Object.keys(request.changes).join(', ')}`, request.requester);
    } finally {
      cycle.changeInProgress = false;
    }
    if (inaccurate && cycle.activeCertificates.length > 0) {
      await this.revoke({ ground: 'information-inaccurate', requester: SYSTEM });
      await this.notify({ kind: 'new-cycle-offered', changes: Object.keys(request.changes) });
    }
  }

  /** A long active period can outgrow one history: carry the cycle into a fresh run (same workflow id). */
  private async continueAsNew(): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof subscriptionWorkflow>({ ...this.input, registration: this.cycle.registration, resume: this.cycle.snapshot() });
  }

  private async startRenewal(): Promise<void> {
    const request = this.cycle.inbox.renewal!;
    const nextSubscriptionId = uuid4();
    await startChild(SUBSCRIPTION_WORKFLOW_TYPE, {
      workflowId: subscriptionWorkflowId(nextSubscriptionId),
      args: [{ subscriptionId: nextSubscriptionId, registration: this.cycle.registration, previousSubscriptionId: this.cycle.subscriptionId }],
      // The next cycle lives on after this one expires.
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    this.cycle.renewedBy = nextSubscriptionId;
    this.cycle.inbox.renewal = undefined;
    await this.note(`renewal requested: next cycle ${nextSubscriptionId}`, request.requester);
  }

  /** The next cycle's pair is delivered: ours is revoked as superseded and this cycle ends RENEWED. */
  private async supersede(successorSubscriptionId: string): Promise<void> {
    await this.attempt('revokeCertificates', () => this.applyRevocation({ ground: 'superseded', requester: SYSTEM }));
    await this.enter('RENEWED', { by: SYSTEM, note: `superseded by ${successorSubscriptionId}` });
  }

  private async remind(daysLeft: 90 | 30 | 7): Promise<void> {
    const certificates = this.cycle.activeCertificates.map(({ profile, serial, notAfter }) => ({ profile, serial, notAfter }));
    await this.notify({ kind: 'renewal-reminder', daysLeft, certificates });
    await this.note(`renewal reminder, ${daysLeft} days before expiry`, SYSTEM);
  }

  private async abandon(because: 'email-not-confirmed' | 'documents-missing'): Promise<false> {
    await this.enter('ABANDONED', { by: SYSTEM, note: because });
    await this.notify({ kind: 'abandoned', because });
    return false;
  }

  private async sendProof(kind: 'initial' | 'reminder', expiresAt: string): Promise<void> {
    const subscriptionId = this.cycle.subscriptionId;
    const { tokenHash } = await this.attempt('prepareEmailProof', () => prepareEmailProof({ subscriptionId, kind, expiresAt }));
    this.cycle.emailProofs.push({ tokenHash, expiresAt });
    await this.attempt('sendEmailProof', () => sendEmailProof({ subscriptionId, kind, to: this.addressee(), expiresAt }));
  }

  /** Every transition goes through here: the workflow's state first, then its projection. */
  async enter(
    state: SubscriptionState,
    details: { by?: Actor; note?: string; pending?: PendingAction } = {},
  ): Promise<void> {
    this.cycle.pendingAction = details.pending;
    const step = this.cycle.enter(state, new Date(), details);
    await this.project(step);
  }

  /** A step on the timeline that is not a change of state (payment, reminder, partial revocation…). */
  private async note(text: string, by?: Actor): Promise<void> {
    await this.project(this.cycle.note(new Date(), text, by));
  }

  private async project(step: TimelineStep): Promise<void> {
    const cycle = this.cycle;
    const seq = cycle.seq;
    // The registration and pending action are read at each attempt: a correction by staff is what the next one writes.
    await this.attempt('recordTransition', () =>
      recordTransition({
        subscriptionId: cycle.subscriptionId,
        seq,
        ...step,
        pendingAction: cycle.pendingAction,
        certificatesNotAfter: cycle.certificates.length > 0 ? this.notAfter() : undefined,
        registration: cycle.registration,
        previousSubscriptionId: cycle.previousSubscriptionId,
      }),
    );
    this.projectedSeq = Math.max(this.projectedSeq, seq);
  }

  async notify(notice: HolderNotice): Promise<void> {
    const key = `${this.cycle.subscriptionId}/${this.cycle.seq}/${notice.kind}`;
    await this.attempt('notifyHolder', () => notifyHolder({ subscriptionId: this.cycle.subscriptionId, idempotencyKey: key, to: this.addressee(), notice }));
  }

  // ---- incidents ----------------------------------------------------------------------------

  /**
   * Runs one step. When its activity fails for good (a refusal, or its bounded retries spent), the
   * cycle is held at this step in an incident until staff decide (retry, correct, skip, cancel);
   * a failure that may heal is also tried again every hour for a day. Revocation does not wait
   * for the decision: its Update applies it at once (revokeAtOnce).
   */
  private async attempt<T>(step: IncidentStep, run: () => Promise<T>): Promise<T> {
    let incident: OpenIncident | undefined;
    let automaticRetries = 0;
    /** The staff decision this run carries out: its Update answers with what the run led to. */
    let decision: IncidentDecision | undefined;
    for (;;) {
      let failure: ActivityFailure;
      try {
        const result = await run();
        if (incident) await this.recordIncident(() => closeIncident({ incidentId: incident!.incidentId, resolution: 'recovered', by: describeActor(SYSTEM), at: iso(Date.now()) }));
        this.carriedOut(decision);
        return result;
      } catch (error) {
        if (!(error instanceof ActivityFailure) || !patched(STEP_INCIDENTS)) throw error;
        failure = error;
      }
      incident = await this.openOrUpdateIncident(incident, step, failure);
      this.carriedOut(decision); // it led to this incident
      decision = undefined;
      const mayHeal = incident.error.retryable && automaticRetries < AUTOMATIC_RETRIES;
      const decided = mayHeal
        ? await condition(() => this.cycle.inbox.incidentDecision !== undefined, AUTOMATIC_RETRY_INTERVAL)
        : (await condition(() => this.cycle.inbox.incidentDecision !== undefined), true);
      if (!decided) {
        automaticRetries++;
        continue;
      }
      decision = this.cycle.inbox.incidentDecision!;
      this.cycle.inbox.incidentDecision = undefined;
      this.cycle.incident = undefined;
      const closing = { incidentId: incident.incidentId, resolution: decision.action, by: describeActor(decision.staff), at: iso(Date.now()) };
      await this.recordIncident(() => closeIncident(closing));
      incident = undefined;
      automaticRetries = 0;
      if (decision.action === 'skip') {
        this.carriedOut(decision);
        return undefined as T; // offered only for messages and CRL requests, whose result nobody reads
      }
      if (decision.action === 'cancel') {
        await this.closeAfterIncident(decision);
        this.carriedOut(decision);
        throw new CycleEnded();
      }
      if (decision.action === 'correct') this.cycle.applyChanges(decision.corrections ?? {});
    }
  }

  private carriedOut(decision: IncidentDecision | undefined): void {
    if (decision) this.decisionsCarriedOut.add(decision);
  }

  private async openOrUpdateIncident(previous: OpenIncident | undefined, step: IncidentStep, failure: ActivityFailure): Promise<OpenIncident> {
    const incident: OpenIncident = previous ?? {
      incidentId: uuid4(),
      step,
      openedAt: iso(Date.now()),
      error: describeFailure(failure),
      actions: this.actionsAt(step),
    };
    incident.error = describeFailure(failure);
    const { subscriptionId, registration } = this.cycle;
    await this.recordIncident(() =>
      openIncident({ ...incident, subscriptionId, region: registration.region, at: iso(Date.now()) }),
    );
    // Held from now on: an Update answered "held by an incident" finds it in the incidents queue.
    this.cycle.incident = incident;
    return incident;
  }

  /** What staff may decide at this step (contract-wise: a revocation is never skipped nor undone). */
  private actionsAt(step: IncidentStep): IncidentAction[] {
    if (step === 'revokeCertificates') return ['retry'];
    const actions: IncidentAction[] = ['retry'];
    if (CORRECTABLE_STEPS.has(step)) actions.push('correct');
    if (SKIPPABLE_STEPS.has(step)) actions.push('skip');
    // An active holder's certificates are revoked for a ground, through a revocation, not by closing an incident.
    else if (!this.cycle.isOver && this.cycle.state !== 'ACTIVE') actions.push('cancel');
    return actions;
  }

  /** `cancel`: the request is cancelled, or certificates not yet handed over are revoked. */
  private async closeAfterIncident(decision: IncidentDecision): Promise<void> {
    await this.revoke({ ground: 'closed-after-incident', requester: decision.staff, ...(decision.comment ? { comment: decision.comment } : {}) });
  }

  /** Writing the incident row must not stop the cycle either: if it cannot be written, the worker's log says so. */
  private async recordIncident(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.error('incident could not be recorded', { subscriptionId: this.cycle.subscriptionId, incident: this.cycle.incident?.incidentId, error: error.message });
    }
  }

  /**
   * Resolves once the main flow has consumed the queued request and recorded what followed from
   * it, so that an Update answers with the state it led to (e.g. AWAITING_DOCUMENTS for an email
   * proof); fails with a clear reason if the cycle is held by an incident before that.
   */
  private async settled(consumed: () => boolean): Promise<SubscriptionStatus> {
    const seqWhenQueued = this.cycle.seq;
    const done = () => consumed() && this.projectedSeq === this.cycle.seq && (this.cycle.seq > seqWhenQueued || this.cycle.isOver);
    await condition(() => done() || this.cycle.incident !== undefined);
    if (!done()) throw heldByIncident(this.cycle.incident!, 'the request was received; it will be carried out once the incident is resolved');
    return this.cycle.status();
  }

  private addressee() {
    const { givenName, surname, email } = this.cycle.registration;
    return { givenName, surname, email };
  }

  private notAfter(): string {
    const ends = this.cycle.certificates.map((c) => Date.parse(c.notAfter));
    return iso(Math.min(...ends));
  }
}

/** Steps whose failure a correction of the holder's details may cure (a name, an address the store or the CA refused). */
const CORRECTABLE_STEPS: ReadonlySet<IncidentStep> = new Set(['recordTransition', 'sendEmailProof', 'notifyHolder', 'issueCertificates', 'sealTokenAndPrintLetter']);
/** Steps the cycle can go on without: a message, or a CRL that the hourly publication will bring. */
const SKIPPABLE_STEPS: ReadonlySet<IncidentStep> = new Set(['notifyHolder', 'notifySupervisors', 'requestCrlPublication']);

function heldByIncident(incident: OpenIncident, what: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: INCIDENT_FAILURE_TYPE,
    nonRetryable: true,
    message: `${what}: the subscription is held at step ${incident.step} by incident ${incident.incidentId} (${incident.error.type}); ECMA staff have been alerted`,
  });
}

/** Update validators reject by throwing; the API turns the message into a 409. */
function fail(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

import {
  ActivityFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  SUBSCRIPTION_WORKFLOW_TYPE,
  confirmEmailUpdate,
  recordHandOverUpdate,
  recordPaymentUpdate,
  registrationRecordedUpdate,
  reportChangeUpdate,
  requestRenewalUpdate,
  reviewUpdate,
  revokeUpdate,
  statusQuery,
  submitDocumentsUpdate,
  subscriptionWorkflowId,
  successorActivatedSignal,
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
  revocationReasonOf,
  type Actor,
  type SubscriptionState,
} from '#libs/domain';
import type {
  EmailProofActivities,
  IssuanceActivities,
  NotificationActivities,
  ProjectionActivities,
  RevocationActivities,
} from '../activities/lifecycle-activities.js';
import type { HolderNotice } from '../activities/notification-types.js';
import { SubscriptionCycle } from './subscription-cycle.js';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' };
// Typed CA-core refusals (bad CSR, key below policy) will not succeed by retrying.
const nonRetryable = ['CaCoreError', 'CsrRejectedError', 'PolicyViolationError'];

const { recordTransition } = proxyActivities<ProjectionActivities>({ startToCloseTimeout: '30 seconds', retry });
const { prepareEmailProof, sendEmailProof } = proxyActivities<EmailProofActivities>({ startToCloseTimeout: '1 minute', retry });
const { notifyHolder, notifySupervisors } = proxyActivities<NotificationActivities>({ startToCloseTimeout: '1 minute', retry });
// A worker that dies mid-activity is noticed when the timeout expires: keep them close to what the
// work needs (a database write; two signatures on a token) so that issuance resumes quickly.
const { prepareIssuance } = proxyActivities<IssuanceActivities>({ startToCloseTimeout: '30 seconds', retry });
const { issueCertificates, sealTokenAndPrintLetter } = proxyActivities<IssuanceActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { ...retry, nonRetryableErrorTypes: nonRetryable },
});
const issuance = { prepareIssuance, issueCertificates, sealTokenAndPrintLetter };
const revocation = proxyActivities<RevocationActivities>({ startToCloseTimeout: '1 minute', retry });

const SYSTEM: Actor = { kind: 'system', name: 'lifecycle' };
const days = (n: number) => n * DAY_MS;

/**
 * One subscription cycle, from registration to its end (DESIGN.md, contract §4–§13), and the
 * only writer of its state. Update handlers validate and queue requests; this main flow consumes
 * them one at a time, so no two transitions ever interleave.
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionStatus> {
  const cycle = new SubscriptionCycle(input);
  const flow = new CycleFlow(cycle, input);
  flow.registerHandlers();

  if (input.resume) {
    // Continued as new in the active period: everything before is already recorded.
    await flow.runActivePeriod();
    await condition(allHandlersFinished);
    return cycle.status();
  }

  await flow.enter('REGISTERED');
  flow.registrationRecorded = true;
  await flow.notify({ kind: 'registration-received', region: input.registration.region, receivedAt: new Date().toISOString() });

  (await flow.proveEmail()) &&
    (await flow.collectDocumentsAndReview()) &&
    (await flow.collectPayment()) &&
    (await flow.issue()) &&
    (await flow.deliver()) &&
    (await flow.runActivePeriod());

  await condition(allHandlersFinished);
  return cycle.status();
}

/** The workflow's steps over one cycle; each returns false once the cycle is over. */
class CycleFlow {
  registrationRecorded: boolean;
  /** Sequence number of the last step written to PostgreSQL: Updates answer once their effect is readable there. */
  private projectedSeq: number;

  constructor(
    private readonly cycle: SubscriptionCycle,
    private readonly input: SubscriptionWorkflowInput,
  ) {
    this.registrationRecorded = input.resume !== undefined;
    this.projectedSeq = cycle.seq;
  }

  registerHandlers(): void {
    const cycle = this.cycle;
    const now = () => new Date();
    setHandler(statusQuery, () => cycle.status());
    setHandler(registrationRecordedUpdate, async () => {
      await condition(() => this.registrationRecorded);
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
        return this.settled(() => !cycle.inbox.revocations.includes(request));
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
        if (!cycle.renewedBy) throw new Error(`the subscription ended (${cycle.state}) before renewal`);
        return { nextSubscriptionId: cycle.renewedBy };
      },
      { validator: (request) => fail(cycle.refuseRenewal(request)) },
    );
    setHandler(successorActivatedSignal, ({ successorSubscriptionId }) => {
      cycle.inbox.successor = successorSubscriptionId;
    });
  }

  // ---- the phases ---------------------------------------------------------------------------

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
      this.cycle.documentId = this.cycle.inbox.documents!.documentId;
      this.cycle.inbox.documents = undefined;

      const reviewStartedAt = new Date();
      const serviceLevel = addWorkingDays(reviewStartedAt, LIFECYCLE_TIMING.reviewServiceLevelWorkingDays).getTime();
      await this.enter('IN_REVIEW', { pending: { action: 'review', by: 'ecma-operator', deadline: iso(serviceLevel) } });
      this.cycle.reviewEscalated = false;
      let decided = await this.waitFor(() => !!this.cycle.inbox.decision, serviceLevel);
      if (decided === 'timeout') {
        this.cycle.reviewEscalated = true;
        await notifySupervisors({
          subscriptionId: this.cycle.subscriptionId,
          idempotencyKey: `${this.cycle.subscriptionId}/review-overdue/${this.cycle.seq}`,
          region: this.cycle.registration.region,
          waitingSince: reviewStartedAt.toISOString(),
        });
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
    const { subscriptionId, registration } = this.cycle;
    await this.enter('ISSUING', { pending: { action: 'issue', by: 'system' } });
    await issuance.prepareIssuance({ subscriptionId, region: registration.region });
    let issued: Awaited<ReturnType<typeof issuance.issueCertificates>>;
    try {
      issued = await issuance.issueCertificates({ subscriptionId, registration, issuedAt: new Date().toISOString() });
    } catch (error) {
      // The CA refused (e.g. the registration no longer matches the policy): a person must decide.
      if (!(error instanceof ActivityFailure)) throw error;
      await this.note(`issuance refused by the CA: ${error.cause?.message ?? error.message}`, SYSTEM);
      this.cycle.pendingAction = { action: 'issue', by: 'ecma-operator' };
      await this.waitFor(() => false);
      return false;
    }
    this.cycle.certificates = issued.map(({ profile, serial, notAfter, region }) => ({ profile, serial, notAfter, region }));
    await issuance.sealTokenAndPrintLetter({ subscriptionId, registration });
    const deadline = Date.now() + days(LIFECYCLE_TIMING.deliveryDeadlineDays);
    await this.enter('AWAITING_DELIVERY', { pending: { action: 'hand-over', by: 'croec-agent', deadline: iso(deadline) } });
    await this.notify({
      kind: 'certificates-issued',
      region: registration.region,
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
      if (workflowInfo().continueAsNewSuggested) await this.continueAsNew();
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
      const interrupted = () =>
        this.cycle.inbox.revocations.length > 0 || this.cycle.inbox.changes.length > 0 || this.cycle.inbox.payment !== undefined;
      const ready = () => event() || interrupted();
      const happened = deadline === undefined ? (await condition(ready), true) : await condition(ready, Math.max(0, deadline - Date.now()));
      if (await this.processInterruptions()) return 'over';
      if (event()) return 'event';
      if (!happened || (deadline !== undefined && Date.now() >= deadline)) return 'timeout';
    }
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
    if (this.cycle.isOver) {
      // Requests that arrived for a cycle that has just ended are answered with its final status.
      this.cycle.inbox.revocations.length = 0;
      this.cycle.inbox.changes.length = 0;
      this.cycle.inbox.payment = undefined;
    }
    return this.cycle.isOver;
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
    const targets = cycle.certificatesToRevoke(request);
    const revokedAt = new Date();
    if (targets.length > 0) {
      await revocation.revokeCertificates({
        subscriptionId: cycle.subscriptionId,
        serials: targets.map((c) => c.serial),
        reason: revocationReasonOf(request.ground),
        revokedAt: revokedAt.toISOString(),
        invalidityDate: request.invalidityDate,
      });
      cycle.markRevoked(targets.map((c) => c.serial), revokedAt, request);
      await revocation.requestCrlPublication({ region: cycle.registration.region });
    }
    const note = `${request.ground}: ${targets.map((c) => c.profile).join(' and ') || 'no certificate'} revoked`;
    if (cycle.activeCertificates.length === 0) await this.enter('REVOKED', { by: request.requester, note });
    else await this.note(note, request.requester);
    await this.notify({
      kind: 'revoked',
      ground: request.ground,
      revokedAt: revokedAt.toISOString(),
      certificates: targets.map(({ profile, serial }) => ({ profile, serial })),
    });
  }

  /** Contract §12.2: changes before issuance amend the request; after it, inaccurate certificates are revoked. */
  private async applyChange(request: ReportChangeRequest): Promise<void> {
    const cycle = this.cycle;
    const inaccurate = CERTIFIED_STATES.has(cycle.state!) && cycle.changesCertificateContent(request.changes);
    cycle.applyChanges(request.changes);
    await this.note(`changes reported: ${Object.keys(request.changes).join(', ')}`, request.requester);
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
    const targets = this.cycle.activeCertificates;
    const revokedAt = new Date();
    if (targets.length > 0) {
      await revocation.revokeCertificates({
        subscriptionId: this.cycle.subscriptionId,
        serials: targets.map((c) => c.serial),
        reason: 'superseded',
        revokedAt: revokedAt.toISOString(),
      });
      this.cycle.markRevoked(targets.map((c) => c.serial), revokedAt, { ground: 'superseded', requester: SYSTEM });
      await revocation.requestCrlPublication({ region: this.cycle.registration.region });
    }
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
    const { tokenHash } = await prepareEmailProof({ subscriptionId, kind, expiresAt });
    this.cycle.emailProofs.push({ tokenHash, expiresAt });
    await sendEmailProof({ subscriptionId, kind, to: this.addressee(), expiresAt });
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
    await recordTransition({
      subscriptionId: cycle.subscriptionId,
      seq,
      ...step,
      pendingAction: cycle.pendingAction,
      certificatesNotAfter: cycle.certificates.length > 0 ? this.notAfter() : undefined,
      registration: cycle.registration,
      previousSubscriptionId: cycle.previousSubscriptionId,
    });
    this.projectedSeq = Math.max(this.projectedSeq, seq);
  }

  async notify(notice: HolderNotice): Promise<void> {
    await notifyHolder({
      subscriptionId: this.cycle.subscriptionId,
      idempotencyKey: `${this.cycle.subscriptionId}/${this.cycle.seq}/${notice.kind}`,
      to: this.addressee(),
      notice,
    });
  }

  /**
   * Resolves once the main flow has consumed the queued request and recorded what followed from
   * it, so that an Update answers with the state it led to (e.g. AWAITING_DOCUMENTS for an email proof).
   */
  private async settled(consumed: () => boolean): Promise<SubscriptionStatus> {
    const seqWhenQueued = this.cycle.seq;
    const projected = () => this.projectedSeq === this.cycle.seq;
    await condition(() => consumed() && projected() && (this.cycle.seq > seqWhenQueued || this.cycle.isOver));
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

/** Update validators reject by throwing; the API turns the message into a 409. */
function fail(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

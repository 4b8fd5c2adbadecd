import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SUBSCRIPTION_WORKFLOW_TYPE,
  confirmEmailUpdate,
  recordHandOverUpdate,
  recordPaymentUpdate,
  requestRenewalUpdate,
  reportChangeUpdate,
  type HolderChanges,
  reviewUpdate,
  revokeUpdate,
  statusQuery,
  submitDocumentsUpdate,
  subscriptionWorkflowId,
  type RevokeRequest,
  type SubscriptionStatus,
} from '#libs/contract';
import type { SmtpCapture } from './smtp-capture.js';
import { CURRENT_CONDITIONS_VERSION, type HolderRegistration, type RegionCode, type StaffActor, type SubscriptionState } from '#libs/domain';

export const operator: StaffActor = { kind: 'staff', id: 'ecma-op-1', role: 'ecma-operator' };
export const agentOf = (region: RegionCode): StaffActor => ({ kind: 'staff', id: `croec-${region}`, role: 'croec-agent', region });

export function holderRegistration(overrides: Partial<HolderRegistration> = {}): HolderRegistration {
  const n = Math.floor(Math.random() * 1e8);
  return {
    givenName: 'Camille',
    surname: 'Durand',
    email: `camille.durand.${n}@cabinet-durand.fr`,
    registrationNumber: `35${String(n).padStart(8, '0')}`,
    region: 'BRE',
    firm: 'Cabinet Durand',
    postalAddress: ['12 rue de la Monnaie', '35000 Rennes'],
    acceptedConditions: { version: CURRENT_CONDITIONS_VERSION, acceptedAt: new Date().toISOString() },
    ...overrides,
  };
}

/** The link token in an email-proof mail (what the holder's click carries to the API). */
export function tokenFromMail(text: string): string {
  const match = /\/portail\/confirmation\?token=([\w-]+)/.exec(text);
  if (!match) throw new Error('no confirmation link in the mail');
  return match[1];
}

/** A workflow validator's refusal, with its reason as the message (what the API answers as 409). */
export class UpdateRejected extends Error {}

async function unwrapRejection<T>(update: Promise<T>): Promise<T> {
  try {
    return await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw new UpdateRejected(error.cause?.message ?? error.message);
    throw error;
  }
}

/** Drives subscription workflows as the API does: start, then Updates (single-writer rule). */
export class LifecycleDriver {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async start(registration: HolderRegistration, subscriptionId = randomUUID()): Promise<string> {
    await this.client.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, {
      workflowId: subscriptionWorkflowId(subscriptionId),
      taskQueue: this.taskQueue,
      args: [{ subscriptionId, registration }],
    });
    return subscriptionId;
  }

  handle(subscriptionId: string): WorkflowHandle {
    return this.client.workflow.getHandle(subscriptionWorkflowId(subscriptionId));
  }

  status(subscriptionId: string): Promise<SubscriptionStatus> {
    return this.handle(subscriptionId).query(statusQuery);
  }

  async waitForState(subscriptionId: string, state: SubscriptionState, timeoutMs = 30_000): Promise<SubscriptionStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status(subscriptionId);
      if (status.state === state) return status;
      if (Date.now() > deadline) {
        const { raw } = await this.handle(subscriptionId).describe();
        const failures = (raw.pendingActivities ?? []).map((a) => `${a.activityType?.name}: ${a.lastFailure?.message ?? 'no failure'} ${a.lastFailure?.stackTrace ?? ''}`);
        throw new Error(`still ${status.state}, not ${state}, after ${timeoutMs} ms; pending activities: ${failures.join('; ') || 'none'}`);
      }
      await sleep(100);
    }
  }

  confirmEmail(subscriptionId: string, token: string) {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(confirmEmailUpdate, { args: [{ tokenHash }] }));
  }

  submitDocuments(subscriptionId: string) {
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(submitDocumentsUpdate, { args: [{ documentId: randomUUID() }] }));
  }

  approve(subscriptionId: string, reviewer = operator) {
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(reviewUpdate, { args: [{ decision: 'approve', reviewer }] }));
  }

  pay(subscriptionId: string, recordedBy = operator) {
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(recordPaymentUpdate, {
      args: [{ amountCents: 24_000, reference: `PAY-${subscriptionId.slice(0, 8)}`, recordedBy }],
    }));
  }

  handOver(subscriptionId: string, agent: StaffActor, checks = { originalsChecked: true, documentsMatch: true }) {
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(recordHandOverUpdate, { args: [{ agent, ...checks, tokenSerial: 'T-1' }] }));
  }

  requestRenewal(subscriptionId: string, registrationNumber: string) {
    return unwrapRejection(
      this.handle(subscriptionId).executeUpdate(requestRenewalUpdate, { args: [{ requester: { kind: 'holder', registrationNumber } }] }),
    );
  }

  reportChange(subscriptionId: string, registrationNumber: string, changes: HolderChanges) {
    return unwrapRejection(
      this.handle(subscriptionId).executeUpdate(reportChangeUpdate, { args: [{ changes, requester: { kind: 'holder', registrationNumber } }] }),
    );
  }

  /** From registration to the token waiting at the regional council (email proof read from the captured mail). */
  async toDelivery(registration: HolderRegistration, mails: SmtpCapture, subscriptionId?: string) {
    const id = subscriptionId ?? (await this.start(registration));
    const mail = await mails.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
    await this.confirmEmail(id, tokenFromMail(mail.text));
    await this.submitDocuments(id);
    await this.pay(id);
    await this.approve(id);
    await this.waitForState(id, 'AWAITING_DELIVERY');
    return id;
  }

  revoke(subscriptionId: string, request: RevokeRequest) {
    return unwrapRejection(this.handle(subscriptionId).executeUpdate(revokeUpdate, { args: [request] }));
  }
}

import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SubscriptionView } from '#libs/api-views';
import { Environment } from '#libs/config';
import {
  SUBSCRIPTION_WORKFLOW_TYPE,
  confirmEmailUpdate,
  REGISTRATION_REFUSED_FAILURE_TYPE,
  registrationRecordedUpdate,
  subscriptionWorkflowId,
  type SubscriptionWorkflowInput,
} from '#libs/contract';
import type { StaffActor } from '#libs/domain';
import { CertificateRecord, EmailProofRecord, SubscriptionProjection, SubscriptionRecord } from '#libs/persistence';
import { DataSource } from 'typeorm';
import { HolderSessions, type AuthenticatedHolder } from '../auth/index.js';
import { SubscriptionCommands } from './subscription-commands.service.js';
import type { RegisterSubscriptionDto } from './dto/register-subscription.dto.js';
import { holderMayOpen } from './holder-access.js';
import { toSubscriptionView } from './subscription.view.js';

/** How long registration waits for the workflow to project the new subscription before answering 202. */
const RECORDING_WAIT_MS = 10_000;
/** How long starting the workflow may take before the API answers 503 (Temporal unreachable). */
const START_DEADLINE_MS = 5_000;

const isRegistrationRefusal = (cause: unknown) => cause instanceof ApplicationFailure && cause.type === REGISTRATION_REFUSED_FAILURE_TYPE;

/**
 * The registration number has a cycle in progress. Registration numbers are public (the Ordre's
 * roll): the answer says nothing of that cycle, the reason goes by mail to the address given.
 */
function registrationRefused(): ConflictException {
  return new ConflictException({
    title: 'registration not recorded',
    detail: 'This request could not be recorded; a message explaining why has been sent to the email address given.',
  });
}

export interface Registered {
  id: string;
  /** false when the workflow has started but not yet written the projection (worker busy or down). */
  recorded: boolean;
}

@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(SubscriptionProjection) private readonly projection: SubscriptionProjection,
    @Inject(Environment) private readonly env: Environment,
    @Inject(SubscriptionCommands) private readonly commands: SubscriptionCommands,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HolderSessions) private readonly holderSessions: HolderSessions,
  ) {}

  /** Starts the subscription's workflow; the workflow, not us, writes the subscription (single-writer rule). */
  async register(dto: RegisterSubscriptionDto, now = new Date()): Promise<Registered> {
    const id = randomUUID();
    const input: SubscriptionWorkflowInput = {
      subscriptionId: id,
      registration: {
        givenName: dto.givenName,
        surname: dto.surname,
        email: dto.email,
        registrationNumber: dto.registrationNumber,
        region: dto.region,
        firm: dto.firm,
        postalAddress: dto.postalAddress.map((line) => line.trim()),
        acceptedConditions: { version: dto.acceptedConditionsVersion, acceptedAt: now.toISOString() },
      },
    };
    // Temporal unreachable: a 503 within seconds (the filter adds Retry-After), not a hang.
    const handle = await this.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      this.temporal.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, { workflowId: subscriptionWorkflowId(id), taskQueue: this.env.TEMPORAL_TASK_QUEUE, args: [input] }),
    );
    const giveUp = new AbortController();
    try {
      const recorded = await Promise.race([
        // Held by an incident (its projection failed): received, not recorded, staff alerted.
        handle.executeUpdate(registrationRecordedUpdate).then(
          () => true,
          (error: unknown) => {
            if (error instanceof WorkflowUpdateFailedError && isRegistrationRefusal(error.cause)) throw registrationRefused();
            if (error instanceof WorkflowUpdateFailedError) return false;
            throw error;
          },
        ),
        sleep(RECORDING_WAIT_MS, false, { signal: giveUp.signal }),
      ]);
      return { id, recorded };
    } finally {
      giveUp.abort(); // no timer left behind once the update has answered
    }
  }

  /** The holder followed the emailed link: the workflow checks the token's hash, validity and single use. */
  async confirmEmail(token: string): Promise<{ subscriptionId: string; state: string; session: { token: string; expiresAt: string } }> {
    const tokenHash = EmailProofRecord.hashOf(token);
    const proof = await this.dataSource.getRepository(EmailProofRecord).findOneBy({ tokenHash });
    // Same answer for unknown and expired links: a probe learns nothing.
    if (!proof) throw new NotFoundException({ title: 'invalid link', detail: 'this confirmation link is not valid' });
    const status = await this.commands.execute(proof.subscriptionId, confirmEmailUpdate, { tokenHash });
    // Proving the mailbox signs the holder in (contract §4.2: following the request).
    const session = await this.holderSessions.open({ subscriptionId: proof.subscriptionId });
    return { subscriptionId: proof.subscriptionId, state: status.state, session: { token: session.token, expiresAt: session.expiresAt.toISOString() } };
  }

  /** Contract §4.2: the holder follows their request; staff see it too. */
  async find(id: string, viewer: StaffActor | AuthenticatedHolder): Promise<SubscriptionView> {
    const subscription = await this.projection.findById(id);
    if (!subscription) throw new NotFoundException(`No subscription ${id}`);
    if (viewer.kind === 'holder' && !holderMayOpen(viewer, subscription)) {
      throw new ForbiddenException({ title: 'not your subscription', detail: 'this session does not give access to that subscription' });
    }
    const [events, certificates, renewal] = await Promise.all([
      this.projection.timeline(id),
      // 'signature' before 'authentication': the certificate the holder signs with comes first.
      this.dataSource.getRepository(CertificateRecord).find({ where: { subscriptionId: id }, order: { profile: 'DESC' } }),
      // The cycle that renews this one names it as its previous cycle (contract §13.1).
      this.dataSource.getRepository(SubscriptionRecord).findOne({ where: { previousSubscriptionId: id }, select: { id: true } }),
    ]);
    return toSubscriptionView({ record: subscription, events, certificates, nextSubscriptionId: renewal?.id ?? null });
  }

}

import { ConflictException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { INCIDENT_FAILURE_TYPE, subscriptionWorkflowId } from '#libs/contract';
import { SubscriptionProjection } from '#libs/persistence';

/**
 * The API's only way to change a subscription (single-writer rule, DESIGN.md): an Update to its
 * workflow. The workflow's validators decide; their refusal becomes a 409 carrying their reason.
 */
@Injectable()
export class SubscriptionCommands {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(SubscriptionProjection) private readonly projection: SubscriptionProjection,
  ) {}

  async execute<Ret, Arg>(subscriptionId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    try {
      return await this.temporal.workflow.getHandle(subscriptionWorkflowId(subscriptionId)).executeUpdate(update, { args: [arg] });
    } catch (error) {
      throw await this.toHttpError(subscriptionId, error);
    }
  }

  private async toHttpError(subscriptionId: string, error: unknown): Promise<Error> {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      // Accepted, then held: the request is kept and carried out once staff resolve the incident.
      if (cause instanceof ApplicationFailure && (cause.type === INCIDENT_FAILURE_TYPE || cause.type === 'RevocationDelayed')) {
        return new ServiceUnavailableException({ title: 'held by an incident', detail: cause.message });
      }
      return new ConflictException({ title: 'refused by the subscription', detail: cause?.message ?? error.message });
    }
    if (error instanceof WorkflowNotFoundError || /already completed/.test(String((error as Error)?.message))) {
      const subscription = await this.projection.findById(subscriptionId);
      if (!subscription) return new NotFoundException({ title: 'unknown subscription', detail: `No subscription ${subscriptionId}` });
      return new ConflictException({ title: 'subscription ended', detail: `the subscription has ended (${subscription.state})` });
    }
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return new ServiceUnavailableException({ title: 'try again', detail: 'the subscription did not answer in time; nothing was lost, try again' });
    }
    return error as Error;
  }
}

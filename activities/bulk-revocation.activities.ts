import { WorkflowClient, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { Not, In } from 'typeorm';
import { revokeUpdate, subscriptionWorkflowId } from '#libs/contract';
import { TERMINAL_STATES, describeActor } from '#libs/domain';
import { SubscriptionRecord } from '#libs/persistence';
import type { BulkRevocationActivities } from './lifecycle-activities.js';

export interface BulkRevocationDependencies {
  dataSource: DataSource;
  workflows: WorkflowClient;
}

export function createBulkRevocationActivities(deps: BulkRevocationDependencies): BulkRevocationActivities {
  return {
    /** Finds the holder's cycle in progress and sends it the revoke Update (its workflow decides). */
    async revokeHolder({ registrationNumber, ground, decisionReference, requester, approvedBy }) {
      const open = await deps.dataSource
        .getRepository(SubscriptionRecord)
        .find({ where: { registrationNumber, state: Not(In([...TERMINAL_STATES])) }, order: { createdAt: 'ASC' } });
      if (open.length === 0) {
        const any = await deps.dataSource.getRepository(SubscriptionRecord).existsBy({ registrationNumber });
        return any ? { outcome: 'already-revoked', detail: 'no subscription in progress' } : { outcome: 'unknown' };
      }
      const comment = `CSOEC decision ${decisionReference}, approved by ${describeActor(approvedBy)}`;
      for (const subscription of open) {
        try {
          await deps.workflows
            .getHandle(subscriptionWorkflowId(subscription.id))
            .executeUpdate(revokeUpdate, { args: [{ ground, requester, comment }] });
        } catch (error) {
          if (!(error instanceof WorkflowUpdateFailedError)) throw error; // retried within its bound
          const reason = error.cause?.message ?? error.message;
          // The cycle ended meanwhile: nothing left to revoke. Any other refusal (a ground the
          // system alone sets, a cycle held by an incident) is this holder's failure, in its words.
          if (/^the subscription has ended/.test(reason)) return { outcome: 'already-revoked', detail: reason };
          throw ApplicationFailure.nonRetryable(reason, 'RevocationRefused');
        }
      }
      return { outcome: 'revoked', detail: open.map((s) => s.id).join(', ') };
    },
  };
}

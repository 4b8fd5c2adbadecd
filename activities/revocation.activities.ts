import { WorkflowClient } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CRL_PUBLISHER_WORKFLOW_TYPE, crlPublisherWorkflowId, publishCrlSignal } from '#libs/contract';
import { CertificateRecord } from '#libs/persistence';
import type { RevocationActivities } from './lifecycle-activities.js';

export interface RevocationDependencies {
  dataSource: DataSource;
  workflows: WorkflowClient;
  taskQueue: string;
}

export function createRevocationActivities(deps: RevocationDependencies): RevocationActivities {
  return {
    /** Idempotent: a certificate already revoked keeps its first revocation (a revocation is final). */
    async revokeCertificates({ subscriptionId, serials, reason, revokedAt, invalidityDate }) {
      await deps.dataSource
        .createQueryBuilder()
        .update(CertificateRecord)
        .set({ revokedAt: new Date(revokedAt), revocationReason: reason, invalidityDate: invalidityDate ? new Date(invalidityDate) : null })
        .where({ serial: In(serials), subscriptionId })
        .andWhere('revoked_at IS NULL')
        .execute();
    },

    async requestCrlPublication({ region }) {
      await deps.workflows.signalWithStart(CRL_PUBLISHER_WORKFLOW_TYPE, {
        workflowId: crlPublisherWorkflowId(region, deps.taskQueue),
        taskQueue: deps.taskQueue,
        args: [{ region }],
        signal: publishCrlSignal,
        signalArgs: [],
      });
    },
  };
}

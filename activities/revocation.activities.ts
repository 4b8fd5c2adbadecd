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
    /**
     * Idempotent: a certificate already revoked keeps its first revocation (a revocation is final).
     * Returns the serials this call revoked; a serial with no certificate yet is left alone.
     */
    async revokeCertificates({ subscriptionId, serials, reason, revokedAt, invalidityDate }) {
      const result = await deps.dataSource
        .createQueryBuilder()
        .update(CertificateRecord)
        .set({ revokedAt: new Date(revokedAt), revocationReason: reason, invalidityDate: invalidityDate ? new Date(invalidityDate) : null })
        .where({ serial: In(serials), subscriptionId })
        .andWhere('revoked_at IS NULL')
        .returning(['serial'])
        .execute();
      return { revoked: (result.raw as { serial: string }[]).map((row) => row.serial) };
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

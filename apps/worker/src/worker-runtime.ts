import type { Client } from '@temporalio/client';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { Pkcs11Library } from '#libs/ca-core';
import type { Environment } from '#libs/config';
import { createMailer, mailerConfigFor } from '#libs/notifications';
import { SubscriptionProjection } from '#libs/persistence';
import { createBulkRevocationActivities } from '../../../activities/bulk-revocation.activities.js';
import { createCrlActivities } from '../../../activities/crl.activities.js';
import { createEmailProofActivities } from '../../../activities/email-proof.activities.js';
import { HolderTokens } from '../../../activities/holder-tokens.js';
import { createIncidentActivities } from '../../../activities/incident.activities.js';
import { createIssuanceActivities } from '../../../activities/issuance.activities.js';
import { createNotificationActivities } from '../../../activities/notification.activities.js';
import { createProjectionActivities } from '../../../activities/projection.activities.js';
import { PublicUrls } from '../../../activities/public-urls.js';
import { createRetentionActivities } from '../../../activities/retention.activities.js';
import { createRevocationActivities } from '../../../activities/revocation.activities.js';
import { withTypedFailures } from '../../../activities/typed-failures.js';
import { loadCertificateAuthority, type LoadedCa } from './certificate-authority.js';

export interface WorkerRuntime {
  activities: object;
  ca: LoadedCa;
  close(): Promise<void>;
}

/** Everything the activities need, built once per worker process from the validated configuration. */
export async function createWorkerRuntime(env: Environment, dataSource: DataSource, temporal: Client): Promise<WorkerRuntime> {
  const varDir = resolve(env.VAR_DIR);
  const mailer = createMailer(mailerConfigFor(env));
  const ca = await loadCertificateAuthority(env, join(varDir, 'ca'));
  const tokenLibrary = Pkcs11Library.load(env.PKCS11_LIBRARY);
  const tokens = new HolderTokens(tokenLibrary, requiredSecret(env.TOKEN_SO_PIN, 'TOKEN_SO_PIN'));
  const urls = new PublicUrls(env.PUBLIC_BASE_URL);
  // Every failure typed on its way out: final ones are non-retryable (DESIGN.md, "Activity failures").
  const activities = withTypedFailures({
    ...createProjectionActivities(new SubscriptionProjection(dataSource), dataSource),
    ...createEmailProofActivities({
      dataSource,
      mailer,
      tokenSecret: Buffer.from(requiredSecret(env.EMAIL_TOKEN_SECRET, 'EMAIL_TOKEN_SECRET'), 'base64'),
      confirmationUrl: urls.emailConfirmation(),
    }),
    ...createNotificationActivities({ mailer, urls, supervisorEmail: env.SUPERVISOR_EMAIL }),
    ...createIssuanceActivities({ dataSource, hierarchy: ca.hierarchy, tokens, postalSpool: join(varDir, 'postal-spool') }),
    ...createRevocationActivities({ dataSource, workflows: temporal.workflow, taskQueue: env.TEMPORAL_TASK_QUEUE }),
    ...createCrlActivities({
      dataSource,
      hierarchy: ca.hierarchy,
      pkiConfig: ca.pkiConfig,
      publicationDir: join(varDir, 'pki'),
      renewalIntervalMinutes: env.CRL_PUBLICATION_INTERVAL_MINUTES,
    }),
    ...createIncidentActivities({ dataSource }),
    ...createBulkRevocationActivities({ dataSource, workflows: temporal.workflow }),
    ...createRetentionActivities({ dataSource, postalSpool: join(varDir, 'postal-spool') }),
  });
  return {
    activities,
    ca,
    async close() {
      await mailer.close();
      tokenLibrary.close();
      await ca.keyStore.close();
    },
  };
}

function requiredSecret(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required by the worker`);
  return value;
}

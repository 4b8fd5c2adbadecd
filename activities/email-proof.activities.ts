import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EmailProofRecord } from '#libs/persistence';
import { emailProofReminder, emailProofRequest, type Mailer } from '#libs/notifications';
import type { EmailProofActivities } from './lifecycle-activities.js';

export interface EmailProofDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  /** 32 random bytes; tokens are HMACs under it, so a retried activity mails the same link. */
  tokenSecret: Buffer;
  /** The public page that takes `?token=` and calls POST /v1/subscriptions/email-confirmations. */
  confirmationUrl: string;
}

export function createEmailProofActivities(deps: EmailProofDependencies): EmailProofActivities {
  // 256 bits, unguessable without the secret; base64url keeps the link short and clean.
  const tokenOf = (subscriptionId: string, kind: string) =>
    createHmac('sha256', deps.tokenSecret).update(`email-proof/${subscriptionId}/${kind}`).digest('base64url');

  return {
    async prepareEmailProof({ subscriptionId, kind, expiresAt }) {
      const tokenHash = EmailProofRecord.hashOf(tokenOf(subscriptionId, kind));
      await deps.dataSource
        .createQueryBuilder()
        .insert()
        .into(EmailProofRecord)
        .values({ tokenHash, subscriptionId, expiresAt: new Date(expiresAt), createdAt: new Date() })
        .orIgnore()
        .execute();
      return { tokenHash };
    },

    async sendEmailProof({ subscriptionId, kind, to, expiresAt }) {
      const url = new URL(deps.confirmationUrl);
      url.searchParams.set('token', tokenOf(subscriptionId, kind));
      const data = { holder: to, proofUrl: url.toString(), expiresAt };
      const rendered = kind === 'initial' ? emailProofRequest(data) : emailProofReminder(data);
      await deps.mailer.send({
        to: to.email,
        ...rendered,
        idempotencyKey: `${subscriptionId}/email-proof/${kind}`,
        headers: { 'X-SignExpert-Reference': subscriptionId },
      });
    },
  };
}

import {
  certificatesIssued,
  changeReported,
  moreInformationRequested,
  registrationReceived,
  registrationRefused,
  registrationRejected,
  renewalReminder,
  requestClosed,
  reviewOverdue,
  revocationNotice,
  type Mailer,
  type RenderedMessage,
} from '#libs/notifications';
import { DAY_MS, LIFECYCLE_TIMING, revocationReasonOf } from '#libs/domain';
import type { NotificationActivities } from './lifecycle-activities.js';
import type { Addressee, HolderNotice } from './notification-types.js';
import type { PublicUrls } from './public-urls.js';

export interface NotificationDependencies {
  mailer: Mailer;
  urls: PublicUrls;
  /** The ECMA supervisors' mailbox, told when a review waits too long. */
  supervisorEmail: string;
}

export function createNotificationActivities(deps: NotificationDependencies): NotificationActivities {
  return {
    async notifyHolder({ subscriptionId, idempotencyKey, to, notice }) {
      const rendered = renderHolderNotice(subscriptionId, to, notice, deps.urls);
      await deps.mailer.send({ to: to.email, ...rendered, idempotencyKey, headers: { 'X-SignExpert-Reference': subscriptionId } });
    },

    async notifySupervisors({ subscriptionId, idempotencyKey, region, waitingSince }) {
      const rendered = reviewOverdue({
        supervisorName: 'Superviseur ECMA',
        overdueAfterHours: LIFECYCLE_TIMING.reviewServiceLevelWorkingDays * 24,
        reviews: [{ reference: subscriptionId, region, waitingSince }],
        queueUrl: deps.urls.reviewQueue(),
      });
      await deps.mailer.send({ to: deps.supervisorEmail, ...rendered, idempotencyKey });
    },
  };
}

/** Each notice of the lifecycle in the words of its template (libs/notifications). */
export function renderHolderNotice(reference: string, holder: Addressee, notice: HolderNotice, urls: PublicUrls): RenderedMessage {
  switch (notice.kind) {
    case 'registration-received':
      return registrationReceived({ holder, reference, region: notice.region, receivedAt: notice.receivedAt, followUpUrl: urls.followUp(reference) });
    case 'registration-refused':
      return registrationRefused({ holder, registrationNumber: notice.registrationNumber });
    case 'information-requested':
      return moreInformationRequested({
        holder,
        reference,
        staffMessage: notice.message,
        documentsUrl: urls.documents(reference),
        respondBy: new Date(Date.now() + LIFECYCLE_TIMING.documentsDeadlineDays * DAY_MS),
      });
    case 'rejected':
      return registrationRejected({ holder, reference, reason: notice.reason });
    case 'cancelled':
      return requestClosed({ holder, reference, because: 'cancelled' });
    case 'abandoned':
      return requestClosed({ holder, reference, because: notice.because });
    case 'certificates-issued':
      return certificatesIssued({ holder, reference, region: notice.region, certificates: notice.certificates.map(toSummary) });
    case 'renewal-reminder':
      return renewalReminder({ holder, daysLeft: notice.daysLeft, certificates: notice.certificates.map(toSummary), renewalUrl: urls.renewal(reference) });
    case 'revoked':
      return revocationNotice({
        holder,
        certificates: notice.certificates.map(({ profile, serial }) => ({ profile, serialNumber: serial })),
        reason: revocationReasonOf(notice.ground),
        revokedAt: notice.revokedAt,
      });
    case 'new-cycle-offered':
      return changeReported({ holder, changes: notice.changes, currentCertificates: 'revoked', newCycleUrl: urls.newSubscription() });
  }
}

function toSummary(certificate: { profile: 'signature' | 'authentication'; serial: string; notAfter: string }) {
  return { profile: certificate.profile, serialNumber: certificate.serial, notAfter: certificate.notAfter };
}

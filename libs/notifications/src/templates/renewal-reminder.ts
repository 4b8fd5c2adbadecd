import { certificateLines, holderFullName } from './french-format.js';
import { message } from './layout.js';
import type { CertificateSummary, HolderName, RenderedMessage } from './rendered-message.js';

/** The reminders the lifecycle sends before notAfter (DESIGN.md, "Active"). */
export const RENEWAL_REMINDER_DAYS = [90, 30, 7] as const;
export type RenewalReminderDays = (typeof RENEWAL_REMINDER_DAYS)[number];

export interface RenewalReminderData {
  holder: HolderName;
  daysLeft: RenewalReminderDays;
  certificates: readonly CertificateSummary[];
  /** Where the holder starts the next two-year cycle. */
  renewalUrl: string;
}

/** Certificates live two years and must then be renewed (contract §13.1, §13.2). */
export function renewalReminder(data: RenewalReminderData): RenderedMessage {
  return message(`Vos certificats expirent dans ${data.daysLeft} jours`, `Bonjour ${holderFullName(data.holder)}`, [
    `Vos certificats SIGNEXPERT arrivent à échéance dans ${data.daysLeft} jours :\n${certificateLines(data.certificates)}`,
    'Au-delà de cette date, ils ne pourront plus servir à signer ni à vous authentifier, et le droit d’utiliser l’outil de signature ' +
      'SIGNEXPERT, lié à un certificat en cours de validité, prendra fin. Votre clé USB vous reste acquise et servira aux nouveaux certificats.',
    `Pour les renouveler, déposez dès maintenant une demande de renouvellement : ${data.renewalUrl}`,
  ]);
}

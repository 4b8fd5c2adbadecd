/** Deadlines and reminders of the subscription lifecycle (issue 4), in one place. */
export const LIFECYCLE_TIMING = {
  /** The email-proof link is valid this long (contract §4.1); no proof by then abandons the request. */
  emailProofValidityDays: 7,
  /** A reminder is sent if the email is not proven after this many days. */
  emailProofReminderAfterDays: 3,
  /** No ID document within this many days abandons the request. */
  documentsDeadlineDays: 30,
  /** A review waiting longer than this many working days is escalated to supervisors, once. */
  reviewServiceLevelWorkingDays: 3,
  /** A token not handed over within this many days is revoked and the cycle closed. */
  deliveryDeadlineDays: 90,
  /** Renewal reminders, in days before the certificates' notAfter (contract §13.1). */
  renewalReminderDays: [90, 30, 7] as readonly (90 | 30 | 7)[],
} as const;

export const DAY_MS = 86_400_000;

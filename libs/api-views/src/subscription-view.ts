import type { PendingAction } from '#libs/domain';
import type { CertificateSummary } from './certificate-summary.js';

/**
 * What happened, as the holder's page tells it: a change of state, or one of the few notes that
 * concern the holder. Other notes (e.g. a CA refusal's technical message) stay with staff.
 */
export type HolderTimelineEvent =
  | 'state-entered'
  | 'information-requested'
  | 'payment-recorded'
  | 'renewal-requested'
  | 'changes-reported'
  | 'renewal-reminder'
  | 'certificates-revoked';

/** Who acted, by role only: staff identifiers are other people's data and say nothing to a holder. */
export type HolderTimelineActor = 'holder' | 'system' | 'ecma-operator' | 'croec-agent' | 'csoec-officer' | 'ca-officer' | 'auditor';

export interface HolderTimelineEntry {
  state: string;
  at: string;
  event: HolderTimelineEvent;
  by: HolderTimelineActor | null;
  /**
   * For information-requested and REJECTED: the reviewer's words to the holder (also mailed);
   * for changes-reported: the fields, comma-separated; for renewal-reminder: the days left; for
   * certificates-revoked, REVOKED and CANCELLED: the revocation ground; for ABANDONED: why.
   */
  detail?: string;
}

/** What is expected next, from whom, and by when. */
export interface NextStep {
  action: PendingAction['action'];
  by: PendingAction['by'];
  deadline: string | null;
}

/**
 * What GET /v1/subscriptions/:id shows to the holder (contract §4.2: they follow their request at
 * any time) and to staff: progress, the next step and its deadline, the holder's own registration
 * and certificates. Never other people's data (staff appear by role only) nor secrets (no token,
 * no activation code, no document).
 */
export interface SubscriptionView {
  id: string;
  state: string;
  region: string;
  createdAt: string;
  stateChangedAt: string;
  /** What the holder declared, as it stands after reported changes (§12.2: they keep it accurate). */
  holder: { givenName: string; surname: string; email: string; registrationNumber: string; firm: string | null };
  conditions: { version: string; acceptedAt: string };
  /** Null once the cycle is over. */
  nextStep: NextStep | null;
  certificates: CertificateSummary[];
  /** The cycle this one renews, and the cycle that renews this one (contract §13.1). */
  previousSubscriptionId: string | null;
  nextSubscriptionId: string | null;
  timeline: HolderTimelineEntry[];
}

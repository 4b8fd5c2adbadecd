/**
 * The states of one subscription cycle (DESIGN.md, "The subscription lifecycle").
 * A cycle is one two-year subscription; a renewal starts a new cycle.
 */
export const SUBSCRIPTION_STATES = [
  'REGISTERED',
  'AWAITING_EMAIL_PROOF',
  'AWAITING_DOCUMENTS',
  'IN_REVIEW',
  'AWAITING_PAYMENT',
  'ISSUING',
  'AWAITING_DELIVERY',
  'ACTIVE',
  'EXPIRED',
  'RENEWED',
  'REVOKED',
  'CANCELLED',
  'ABANDONED',
  'REJECTED',
] as const;

export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

/** States in which the cycle is over: nothing may follow. */
export const TERMINAL_STATES: ReadonlySet<SubscriptionState> = new Set<SubscriptionState>([
  'EXPIRED',
  'RENEWED',
  'REVOKED',
  'CANCELLED',
  'ABANDONED',
  'REJECTED',
]);

/** States reached once certificates exist: leaving them means revoking, not cancelling. */
export const CERTIFIED_STATES: ReadonlySet<SubscriptionState> = new Set<SubscriptionState>([
  'ISSUING',
  'AWAITING_DELIVERY',
  'ACTIVE',
]);

const TRANSITIONS: Readonly<Record<SubscriptionState, readonly SubscriptionState[]>> = {
  REGISTERED: ['AWAITING_EMAIL_PROOF', 'CANCELLED'],
  AWAITING_EMAIL_PROOF: ['AWAITING_DOCUMENTS', 'ABANDONED', 'CANCELLED'],
  AWAITING_DOCUMENTS: ['IN_REVIEW', 'ABANDONED', 'CANCELLED'],
  IN_REVIEW: ['AWAITING_PAYMENT', 'ISSUING', 'AWAITING_DOCUMENTS', 'REJECTED', 'CANCELLED'],
  AWAITING_PAYMENT: ['ISSUING', 'CANCELLED'],
  ISSUING: ['AWAITING_DELIVERY', 'REVOKED'],
  AWAITING_DELIVERY: ['ACTIVE', 'REVOKED'],
  ACTIVE: ['EXPIRED', 'RENEWED', 'REVOKED'],
  EXPIRED: [],
  RENEWED: [],
  REVOKED: [],
  CANCELLED: [],
  ABANDONED: [],
  REJECTED: [],
};

export function isSubscriptionState(value: unknown): value is SubscriptionState {
  return typeof value === 'string' && (SUBSCRIPTION_STATES as readonly string[]).includes(value);
}

export function canTransition(from: SubscriptionState, to: SubscriptionState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(state: SubscriptionState): boolean {
  return TERMINAL_STATES.has(state);
}

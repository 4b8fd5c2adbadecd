import { describe, expect, it } from '@jest/globals';
import { SUBSCRIPTION_STATES, canTransition, isSubscriptionState, isTerminal } from './subscription-state.js';

describe('subscription states', () => {
  it('follows the lifecycle of DESIGN.md from registration to activity', () => {
    const happyPath = [
      'REGISTERED',
      'AWAITING_EMAIL_PROOF',
      'AWAITING_DOCUMENTS',
      'IN_REVIEW',
      'AWAITING_PAYMENT',
      'ISSUING',
      'AWAITING_DELIVERY',
      'ACTIVE',
      'EXPIRED',
    ] as const;
    for (let i = 1; i < happyPath.length; i++) {
      expect(canTransition(happyPath[i - 1], happyPath[i])).toBe(true);
    }
  });

  it('cancels before issuance but revokes after it', () => {
    expect(canTransition('IN_REVIEW', 'CANCELLED')).toBe(true);
    expect(canTransition('IN_REVIEW', 'REVOKED')).toBe(false);
    expect(canTransition('ACTIVE', 'CANCELLED')).toBe(false);
    expect(canTransition('ACTIVE', 'REVOKED')).toBe(true);
  });

  it('lets nothing follow a terminal state', () => {
    for (const from of SUBSCRIPTION_STATES.filter(isTerminal)) {
      for (const to of SUBSCRIPTION_STATES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('recognises only the declared states', () => {
    expect(isSubscriptionState('ACTIVE')).toBe(true);
    expect(isSubscriptionState('active')).toBe(false);
    expect(isSubscriptionState(42)).toBe(false);
  });
});

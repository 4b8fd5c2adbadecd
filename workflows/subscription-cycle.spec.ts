import { describe, expect, it } from '@jest/globals';
import { SubscriptionCycle } from './subscription-cycle.js';

describe('SubscriptionCycle', () => {
  const at = new Date('2026-01-05T10:00:00Z');

  it('starts at REGISTERED and numbers its steps', () => {
    const cycle = new SubscriptionCycle('s1');
    expect(cycle.seq).toBe(0);
    cycle.enter('REGISTERED', at);
    cycle.enter('AWAITING_EMAIL_PROOF', at);
    expect(cycle.seq).toBe(2);
    expect(cycle.status()).toEqual({
      subscriptionId: 's1',
      state: 'AWAITING_EMAIL_PROOF',
      timeline: [
        { state: 'REGISTERED', at: at.toISOString() },
        { state: 'AWAITING_EMAIL_PROOF', at: at.toISOString() },
      ],
    });
  });

  it('refuses a transition the lifecycle forbids, and changes nothing', () => {
    const cycle = new SubscriptionCycle('s1');
    expect(() => cycle.enter('ACTIVE', at)).toThrow(/Illegal transition \(start\) -> ACTIVE/);
    cycle.enter('REGISTERED', at);
    expect(() => cycle.enter('REVOKED', at)).toThrow(/REGISTERED -> REVOKED/);
    expect(cycle.state).toBe('REGISTERED');
    expect(cycle.seq).toBe(1);
  });

  it('is over once a terminal state is entered', () => {
    const cycle = new SubscriptionCycle('s1');
    cycle.enter('REGISTERED', at);
    expect(cycle.isOver).toBe(false);
    cycle.enter('CANCELLED', at);
    expect(cycle.isOver).toBe(true);
  });
});

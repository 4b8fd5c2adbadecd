import { describe, expect, it } from '@jest/globals';
import { holderMayOpen } from './holder-access.js';

const holder = { kind: 'holder' as const, subscriptionId: 'a', subscriptionIds: ['a', 'earlier'] };

describe('holderMayOpen', () => {
  it('opens the cycles the session’s mailbox proof covers', () => {
    expect(holderMayOpen(holder, { id: 'a', previousSubscriptionId: null })).toBe(true);
    expect(holderMayOpen(holder, { id: 'earlier', previousSubscriptionId: null })).toBe(true);
  });

  it('opens the renewal of one of them (started after the session opened)', () => {
    expect(holderMayOpen(holder, { id: 'renewal', previousSubscriptionId: 'a' })).toBe(true);
  });

  it('opens nothing else: not another cycle, not the renewal of another cycle', () => {
    expect(holderMayOpen(holder, { id: 'someone-else', previousSubscriptionId: null })).toBe(false);
    expect(holderMayOpen(holder, { id: 'their-renewal', previousSubscriptionId: 'someone-else' })).toBe(false);
  });
});

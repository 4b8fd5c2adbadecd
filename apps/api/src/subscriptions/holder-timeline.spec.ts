import { describe, expect, it } from '@jest/globals';
import type { SubscriptionEventRecord } from '#libs/persistence';
import { toHolderTimeline } from './holder-timeline.js';

let seq = 0;
const step = (state: string, note: string | null = null, by: string | null = null): SubscriptionEventRecord =>
  ({ id: String(++seq), subscriptionId: 's', seq, state, at: new Date(Date.UTC(2025, 0, seq)), by, note }) as SubscriptionEventRecord;

describe('holder timeline', () => {
  it('tells changes of state apart from notes, and shows staff by role only', () => {
    const timeline = toHolderTimeline([
      step('REGISTERED'),
      step('AWAITING_EMAIL_PROOF'),
      step('AWAITING_DOCUMENTS'),
      step('IN_REVIEW'),
      step('IN_REVIEW', 'payment recorded: PAY-123', 'ecma-operator op-7'),
      step('IN_REVIEW', 'information requested: le verso de la pièce est illisible', 'ecma-operator op-7'),
      step('AWAITING_DOCUMENTS'),
    ]);
    expect(timeline.map((entry) => entry.event)).toEqual([
      'state-entered',
      'state-entered',
      'state-entered',
      'state-entered',
      'payment-recorded',
      'information-requested',
      'state-entered',
    ]);
    expect(timeline[4]).toMatchObject({ by: 'ecma-operator' });
    expect(timeline[4]).not.toHaveProperty('detail'); // the payment reference is staff's
    expect(timeline[5]!.detail).toBe('le verso de la pièce est illisible');
    expect(JSON.stringify(timeline)).not.toContain('op-7');
  });

  it('keeps the revocation ground and the reviewer’s reason, drops technical notes', () => {
    const timeline = toHolderTimeline([
      step('ISSUING'),
      step('ISSUING', 'issuance refused by the CA: subject too long', 'system (lifecycle)'),
      step('AWAITING_DELIVERY'),
      step('ACTIVE', 'token T-1 handed over', 'croec-agent croec-BRE'),
      step('ACTIVE', 'changes reported: firm, email', 'holder'),
      step('ACTIVE', 'key-compromise: signature revoked', 'holder'),
      step('REVOKED', 'key-compromise: authentication revoked', 'holder'),
    ]);
    expect(timeline.map((entry) => [entry.event, entry.detail])).toEqual([
      ['state-entered', undefined],
      ['state-entered', undefined],
      ['state-entered', undefined],
      ['changes-reported', 'firm, email'],
      ['certificates-revoked', 'key-compromise'],
      ['state-entered', 'key-compromise'],
    ]);
    expect(timeline[0]!.by).toBeNull();
    expect(timeline[2]!.by).toBe('croec-agent');
  });
});

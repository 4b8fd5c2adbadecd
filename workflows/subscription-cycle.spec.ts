import { describe, expect, it } from '@jest/globals';
import type { StaffActor } from '#libs/domain';
import { SubscriptionCycle } from './subscription-cycle.js';

const registration = {
  givenName: 'Camille',
  surname: 'Durand',
  email: 'camille@example.fr',
  registrationNumber: '75001234',
  region: 'BRE' as const,
  acceptedConditions: { version: '2024-01', acceptedAt: '2026-01-05T10:00:00Z' },
};
const operator: StaffActor = { kind: 'staff', id: 'op1', role: 'ecma-operator' };
const at = new Date('2026-01-05T10:00:00Z');

function cycleIn(...states: Parameters<SubscriptionCycle['enter']>[0][]): SubscriptionCycle {
  const cycle = new SubscriptionCycle({ subscriptionId: 's1', registration });
  for (const state of states) cycle.enter(state, at);
  return cycle;
}

describe('SubscriptionCycle', () => {
  it('starts at REGISTERED and numbers its steps', () => {
    const cycle = cycleIn('REGISTERED', 'AWAITING_EMAIL_PROOF');
    expect(cycle.seq).toBe(2);
    expect(cycle.status()).toMatchObject({
      subscriptionId: 's1',
      state: 'AWAITING_EMAIL_PROOF',
      timeline: [
        { state: 'REGISTERED', at: at.toISOString() },
        { state: 'AWAITING_EMAIL_PROOF', at: at.toISOString() },
      ],
    });
  });

  it('refuses a transition the lifecycle forbids, and changes nothing', () => {
    const cycle = new SubscriptionCycle({ subscriptionId: 's1', registration });
    expect(() => cycle.enter('ACTIVE', at)).toThrow(/Illegal transition \(start\) -> ACTIVE/);
    cycle.enter('REGISTERED', at);
    expect(() => cycle.enter('REVOKED', at)).toThrow(/REGISTERED -> REVOKED/);
    expect(cycle.state).toBe('REGISTERED');
    expect(cycle.seq).toBe(1);
  });

  it('accepts an email proof only while awaited, with a known and unexpired link', () => {
    const cycle = cycleIn('REGISTERED');
    expect(cycle.refuseEmailConfirmation({ tokenHash: 'h' }, at)).toMatch(/is REGISTERED/);
    cycle.enter('AWAITING_EMAIL_PROOF', at);
    cycle.emailProofs.push({ tokenHash: 'h', expiresAt: '2026-01-12T10:00:00Z' });
    expect(cycle.refuseEmailConfirmation({ tokenHash: 'other' }, at)).toMatch(/not valid/);
    expect(cycle.refuseEmailConfirmation({ tokenHash: 'h' }, new Date('2026-01-12T10:00:00Z'))).toMatch(/expired/);
    expect(cycle.refuseEmailConfirmation({ tokenHash: 'h' }, at)).toBeUndefined();
  });

  it('lets only an ECMA operator review, never their own request, and wants reasons for refusals', () => {
    const cycle = cycleIn('REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS');
    expect(cycle.refuseReview({ decision: 'approve', reviewer: operator })).toMatch(/AWAITING_DOCUMENTS/);
    cycle.enter('IN_REVIEW', at);
    expect(cycle.refuseReview({ decision: 'approve', reviewer: operator })).toBeUndefined();
    expect(cycle.refuseReview({ decision: 'approve', reviewer: { ...operator, role: 'croec-agent' } })).toMatch(/cannot review/);
    expect(cycle.refuseReview({ decision: 'approve', reviewer: { ...operator, registrationNumber: '75001234' } })).toMatch(/own request/);
    expect(cycle.refuseReview({ decision: 'reject', reviewer: operator })).toMatch(/reason is required/);
  });

  it('lets only an agent of the holder’s region record the hand-over', () => {
    const cycle = cycleIn('REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS', 'IN_REVIEW', 'ISSUING', 'AWAITING_DELIVERY');
    const agent: StaffActor = { kind: 'staff', id: 'a1', role: 'croec-agent', region: 'BRE' };
    const request = { agent, originalsChecked: true, documentsMatch: true };
    expect(cycle.refuseHandOver(request)).toBeUndefined();
    expect(cycle.refuseHandOver({ ...request, agent: { ...agent, region: 'IDF' } })).toMatch(/region IDF cannot hand over a token of region BRE/);
    expect(cycle.refuseHandOver({ ...request, agent: operator })).toMatch(/cannot hand tokens over/);
  });

  it('refuses revocations of an ended cycle, by the wrong people, or of an already revoked certificate', () => {
    const cycle = cycleIn('REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS', 'IN_REVIEW', 'ISSUING', 'AWAITING_DELIVERY', 'ACTIVE');
    cycle.certificates = [
      { profile: 'signature', serial: 'aa', notAfter: '2028-01-05T10:00:00Z', region: 'BRE' },
      { profile: 'authentication', serial: 'bb', notAfter: '2028-01-05T10:00:00Z', region: 'BRE' },
    ];
    const holder = { kind: 'holder' as const, registrationNumber: '75001234' };
    expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: holder })).toBeUndefined();
    expect(cycle.refuseRevocation({ ground: 'authority-decision', requester: holder })).toMatch(/holder cannot revoke/);
    expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: { ...holder, registrationNumber: '1' } })).toMatch(/own certificates/);
    expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: { kind: 'staff', id: 'x', role: 'auditor' } })).toMatch(/auditor cannot/);
    cycle.markRevoked(['aa'], at, { ground: 'key-compromise', requester: holder });
    expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: holder, certificates: ['signature'] })).toMatch(/already revoked/);
    expect(cycle.certificatesToRevoke({ ground: 'key-compromise', requester: holder }).map((c) => c.serial)).toEqual(['bb']);
    cycle.enter('REVOKED', at);
    expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: holder })).toMatch(/has ended \(REVOKED\)/);
  });

  it('tells changes that make the certificates inaccurate from those that do not', () => {
    const cycle = cycleIn('REGISTERED');
    expect(cycle.changesCertificateContent({ surname: 'Durand' })).toBe(false);
    expect(cycle.changesCertificateContent({ surname: 'Martin' })).toBe(true);
    expect(cycle.changesCertificateContent({ firm: 'Nouveau cabinet' })).toBe(true);
    cycle.applyChanges({ surname: 'Martin', firm: null });
    expect(cycle.registration.surname).toBe('Martin');
    expect(cycle.registration.firm).toBeUndefined();
  });

  describe('while held by an incident', () => {
    const held = (actions: ('retry' | 'correct' | 'skip' | 'cancel')[], ...states: Parameters<SubscriptionCycle['enter']>[0][]) => {
      const cycle = cycleIn(...states);
      cycle.incident = { incidentId: 'i1', step: 'recordTransition', openedAt: at.toISOString(), error: { type: 'DatabaseRefusal', message: 'refused', retryable: false }, actions };
      return cycle;
    };
    const decide = (cycle: SubscriptionCycle, decision: Partial<Parameters<SubscriptionCycle['refuseIncidentDecision']>[0]>) =>
      cycle.refuseIncidentDecision({ incidentId: 'i1', action: 'retry', staff: operator, ...decision });

    it('refuses other requests with the step, but not a revocation', () => {
      const cycle = held(['retry'], 'REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS');
      expect(cycle.refuseDocuments({ documentId: 'd1' })).toMatch(/^cannot submit documents now: the subscription is held at step recordTransition by an incident/);
      expect(cycle.refuseChange({ changes: { firm: 'X' }, requester: operator })).toMatch(/held at step recordTransition/);
      expect(cycle.refuseRevocation({ ground: 'key-compromise', requester: operator })).toBeUndefined();
    });

    it('takes only the open incident, from ECMA operators and CA officers, and only an action it offers', () => {
      const cycle = held(['retry', 'correct'], 'REGISTERED', 'AWAITING_EMAIL_PROOF');
      expect(decide(cycle, {})).toBeUndefined();
      expect(decide(cycle, { incidentId: 'other' })).toBe('incident other is not open on this subscription');
      expect(decide(cycle, { staff: { ...operator, role: 'auditor' } })).toBe('role auditor cannot decide on incidents');
      expect(decide(cycle, { action: 'cancel' })).toBe('cannot cancel at step recordTransition: the incident offers retry, correct');
    });

    it('lets staff correct details, the email only before the holder proved it, under the text policy', () => {
      const early = held(['correct'], 'REGISTERED', 'AWAITING_EMAIL_PROOF');
      expect(decide(early, { action: 'correct', corrections: { email: 'camille.durand@example.fr' } })).toBeUndefined();
      expect(decide(early, { action: 'correct' })).toBe('a correction names at least one detail');
      expect(decide(early, { action: 'correct', corrections: { firm: 'Cabinet\u0000' } })).toContain('firm contains the control character U+0000');
      expect(decide(early, { action: 'correct', corrections: { postalAddress: ['1 rue', 'x\u202e'] } })).toContain('U+202E');
      expect(decide(early, { action: 'correct', corrections: { firm: 'Cabinet' }, comment: 'esc\u001b' })).toContain('comment contains');
      const later = held(['correct'], 'REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS');
      expect(decide(later, { action: 'correct', corrections: { email: 'autre@example.fr' } })).toMatch(/proved the email address/);
    });

    it('refuses a correction of what the certificates say, unless it corrects a change being recorded', () => {
      const cycle = held(['correct'], 'REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS', 'IN_REVIEW', 'ISSUING', 'AWAITING_DELIVERY', 'ACTIVE');
      cycle.certificates = [{ profile: 'signature', serial: '01', notAfter: at.toISOString(), region: 'BRE' }];
      expect(decide(cycle, { action: 'correct', corrections: { surname: 'Martin' } })).toMatch(/^these details are in the certificates/);
      expect(decide(cycle, { action: 'correct', corrections: { postalAddress: ['1 rue de la Paix', '35000 Rennes'] } })).toBeUndefined();
      cycle.changeInProgress = true;
      expect(decide(cycle, { action: 'correct', corrections: { surname: 'Martin' } })).toBeUndefined();
    });

    it('says the incident in the status, without its error message', () => {
      const status = held(['retry'], 'REGISTERED').status();
      expect(status.incident).toEqual({ incidentId: 'i1', step: 'recordTransition', openedAt: at.toISOString() });
      expect(JSON.stringify(status)).not.toContain('refused');
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SUBSCRIPTION_WORKFLOW_TYPE, subscriptionWorkflowId, type SubscriptionStatus } from '#libs/contract';
import { DAY_MS } from '#libs/domain';
import { CertificateRecord } from '#libs/persistence';
import { LifecycleDriver, agentOf, holderRegistration, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * Two years in seconds: the subscription workflow on Temporal's time-skipping server, with the
 * real activities (PostgreSQL, CA, SoftHSM, SMTP). Timers fire on workflow time, so every date
 * below is read from the workflow's own timeline.
 */
describe('a two-year cycle under time skipping', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  /** Workflow time moves on by a few milliseconds while activities run: a step is "on the day" within a minute. */
  const expectAround = (actual: number, expected: number) => {
    expect(actual).toBeGreaterThanOrEqual(expected);
    expect(actual - expected).toBeLessThan(60_000);
  };
  const at = (status: SubscriptionStatus, predicate: (s: SubscriptionStatus['timeline'][number]) => boolean) =>
    Date.parse(status.timeline.find(predicate)!.at);

  // A server of its own per test: the test server's clock is global, and a clock left years ahead
  // (or a timer left pending) by one test would move the next one's dates.
  beforeEach(async () => {
    system = await startTestSystem({ timeSkipping: true });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
  });
  afterEach(async () => {
    await system?.stop();
  });

  it('reminds 90, 30 and 7 days before notAfter, naming the serials, and expires at notAfter', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const final: SubscriptionStatus = await driver.handle(id).result();

    expect(final.state).toBe('EXPIRED');
    const notAfter = Date.parse(final.certificates[0].notAfter);
    const activeAt = at(final, (s) => s.state === 'ACTIVE');
    expect(notAfter - activeAt).toBeGreaterThan(729 * DAY_MS); // two years of validity
    for (const daysLeft of [90, 30, 7]) {
      expectAround(at(final, (s) => s.note === `renewal reminder, ${daysLeft} days before expiry`), notAfter - daysLeft * DAY_MS);
    }
    expectAround(at(final, (s) => s.state === 'EXPIRED'), notAfter);
    const reminders = system.smtp.messages.filter((m) => m.headers['x-signexpert-reference'] === id && /expirent dans (90|30|7) jours/.test(m.subject));
    expect(reminders).toHaveLength(3);
    for (const mail of reminders) for (const certificate of final.certificates) expect(mail.text).toContain(certificate.serial);
  });

  it('carries an active cycle across continue-as-new: the resumed run still reminds and expires on the same dates', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    const active = await driver.handOver(id, agentOf('BRE'));
    // What `continueAsNew` hands the next run: the snapshot of the active cycle, same workflow id.
    await driver.handle(id).terminate('simulating continue-as-new');
    await system.temporal.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, {
      workflowId: subscriptionWorkflowId(id),
      taskQueue: system.taskQueue,
      args: [
        {
          subscriptionId: id,
          registration,
          resume: {
            timeline: active.timeline,
            certificates: active.certificates.map((c) => ({ ...c, region: 'BRE' })),
            paid: active.paid,
            pendingAction: active.pendingAction,
          },
        },
      ],
    });
    const final: SubscriptionStatus = await driver.handle(id).result();
    expect(final.state).toBe('EXPIRED');
    expect(final.timeline.slice(0, active.timeline.length)).toEqual(active.timeline);
    expectAround(at(final, (s) => s.state === 'EXPIRED'), Date.parse(final.certificates[0].notAfter));
    expect(final.timeline.filter((s) => s.note?.startsWith('renewal reminder'))).toHaveLength(3);
  });

  it('abandons a request whose email is not proven within 7 days, after a reminder on day 3', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const final: SubscriptionStatus = await driver.handle(id).result();
    expect(final.state).toBe('ABANDONED');
    const waitingSince = at(final, (s) => s.state === 'AWAITING_EMAIL_PROOF');
    expectAround(at(final, (s) => s.state === 'ABANDONED'), waitingSince + 7 * DAY_MS);
    const proofs = system.smtp.messages.filter((m) => m.headers['x-signexpert-reference'] === id && /confirmez/i.test(m.subject));
    expect(proofs.map((m) => m.subject)).toEqual([expect.stringMatching(/^SIGNEXPERT – Confirmez/), expect.stringMatching(/Rappel/)]);
    // The reminder's link is a different token, valid until the same deadline: both were recorded.
    expect(tokenFromMail(proofs[0].text)).not.toBe(tokenFromMail(proofs[1].text));
  });

  it('abandons a request without ID documents after 30 days', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject));
    await driver.confirmEmail(id, tokenFromMail(mail.text));
    const final: SubscriptionStatus = await driver.handle(id).result();
    expect(final.state).toBe('ABANDONED');
    expectAround(at(final, (s) => s.state === 'ABANDONED'), at(final, (s) => s.state === 'AWAITING_DOCUMENTS') + 30 * DAY_MS);
  });

  it('tells the supervisors once when a review waits more than 3 working days', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject));
    await driver.confirmEmail(id, tokenFromMail(mail.text));
    await driver.submitDocuments(id);
    await system.timeSkipping!.sleep('10 days');
    const overdue = () => system.smtp.messages.filter((m) => m.to.includes(system.env.SUPERVISOR_EMAIL) && m.text.includes(id));
    await system.smtp.waitFor((m) => m.to.includes(system.env.SUPERVISOR_EMAIL) && m.text.includes(id), 10_000);
    await system.timeSkipping!.sleep('10 days');
    expect(overdue()).toHaveLength(1);
    const approved = await driver.approve(id);
    expect(approved.state).toBe('AWAITING_PAYMENT');
  });

  it('revokes the certificates of a token not handed over within 90 days', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    const final: SubscriptionStatus = await driver.handle(id).result();
    expect(final.state).toBe('REVOKED');
    expectAround(at(final, (s) => s.state === 'REVOKED'), at(final, (s) => s.state === 'AWAITING_DELIVERY') + 90 * DAY_MS);
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    expect(rows.map((r) => r.revocationReason)).toEqual(['cessationOfOperation', 'cessationOfOperation']);
  });

  it('renews into a linked cycle with new keys; the old pair is revoked as superseded once the new one is delivered', async () => {
    const registration = holderRegistration();
    const first = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(first, agentOf('BRE'));
    await system.timeSkipping!.sleep('650 days');
    const { nextSubscriptionId } = await driver.requestRenewal(first, registration.registrationNumber);
    await expect(driver.requestRenewal(first, registration.registrationNumber)).rejects.toThrow(/renewal already requested/);

    await driver.toDelivery(registration, system.smtp, nextSubscriptionId);
    const next = await driver.handOver(nextSubscriptionId, agentOf('BRE'));
    expect(next.state).toBe('ACTIVE');
    expect(next.previousSubscriptionId).toBe(first);

    const old: SubscriptionStatus = await driver.handle(first).result();
    expect(old.state).toBe('RENEWED');
    expect(old.renewedBy).toBe(nextSubscriptionId);
    const oldRows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: first });
    const newRows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: nextSubscriptionId });
    expect(oldRows.every((r) => r.revocationReason === 'superseded')).toBe(true);
    expect(newRows.every((r) => r.revokedAt === null)).toBe(true);
    // New keys: the subject public keys differ (renewal always issues new keys).
    const spki = (der: Buffer) => der.subarray(der.indexOf(Buffer.from('2a8648ce3d0201', 'hex')) - 4, der.indexOf(Buffer.from('2a8648ce3d0201', 'hex')) + 80).toString('hex');
    expect(new Set([...oldRows, ...newRows].map((r) => spki(r.der))).size).toBe(4);
  });
});

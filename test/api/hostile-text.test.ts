import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION, type StaffRole } from '#libs/domain';
import { CertificateRecord, SubscriptionRecord } from '#libs/persistence';
import { HolderSessions, StaffAccounts } from '../../apps/api/src/auth/index.js';
import { publishMissingCrls } from '../../apps/worker/src/crl-schedules.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { RelyingParty } from '../support/revocation-status.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * One hostile byte against the real stack. A NUL in a reported change once made the workflow's
 * projection retry forever, and a key-compromise revocation that followed got no answer: OCSP kept
 * saying good and the CRL never listed the serials. Now the edge refuses it naming the field, the
 * workflow refuses it again if someone reaches Temporal directly, and the revocation goes through.
 */
describe('a NUL byte in a reported change, then a key-compromise revocation (real stack)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let relyingParty: RelyingParty;
  const staff: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (role: StaffRole) => ({ Authorization: `Bearer ${staff[role]}` });

  beforeAll(async () => {
    system = await startTestSystem({ environment: { RATE_LIMIT_PUBLIC_REQUESTS: '0', RATE_LIMIT_SIGN_IN_REQUESTS: '0' } });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    relyingParty = await RelyingParty.of(system.api.getHttpServer());
    for (const role of ['ca-officer', 'ecma-operator'] as StaffRole[]) {
      const password = randomBytes(16).toString('base64url');
      await new StaffAccounts(system.dataSource).create({ login: role, displayName: role, role, password });
      staff[role] = (await http().post('/v1/admin/sessions').send({ login: role, password }).expect(201)).body.token;
    }
    await publishMissingCrls(system.temporal, system.dataSource, ['BRE'], system.taskQueue);
  });

  afterAll(async () => {
    await relyingParty?.close();
    await system?.stop();
  });

  it('refuses the NUL at the edge naming the field, refuses it in the workflow too, and revokes both certificates in OCSP and in the CRL', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const session = await system.api.get(HolderSessions).open({ subscriptionId: id });
    const holder = { Authorization: `Bearer ${session.token}` };

    const started = Date.now();
    const change = await http().post(`/v1/subscriptions/${id}/changes`).set(holder).send({ firm: 'Cabinet\u0000NUL' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(change.status).toBe(400);
    expect(change.body.errors).toEqual([{ field: 'firm', messages: [expect.stringContaining('U+0000')] }]);

    // Someone who reaches Temporal without the API meets the same policy in the workflow's validator.
    await expect(driver.reportChange(id, registration.registrationNumber, { firm: 'Cabinet\u0000NUL' })).rejects.toThrow(/firm contains the control character U\+0000/);
    expect((await driver.status(id)).state).toBe('ACTIVE');

    const revoked = await http().post(`/v1/admin/subscriptions/${id}/revocation`).set(as('ca-officer')).send({ reason: 'key-compromise' }).expect(200);
    expect(revoked.body.state).toBe('REVOKED');
    const latencies: number[] = [];
    for (const certificate of await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id })) {
      latencies.push(await relyingParty.waitUntilRevoked(certificate, 'BRE', 10_000));
      expect((await relyingParty.crlEntry(certificate.serial, 'BRE'))?.reasonCode).toBe(1);
    }
    expect(latencies).toHaveLength(2);
  });

  it('answers a registration with a NUL in givenName at once with 400, and starts nothing', async () => {
    const registration = holderRegistration();
    const started = Date.now();
    const response = await http()
      .post('/v1/subscriptions')
      .send({ ...registration, givenName: 'Cam\u0000ille', acceptedConditions: undefined, acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['givenName']);
    expect(await system.dataSource.getRepository(SubscriptionRecord).countBy({ registrationNumber: registration.registrationNumber })).toBe(0);
  });

  it.each([
    ['a NUL in the staff search', () => http().get(`/v1/admin/subscriptions?q=${encodeURIComponent('Dur\u0000and')}`).set(as('ecma-operator')), 'q'],
    ['a NUL in an audited route parameter (the audit entry must not fail)', () => http().get(`/v1/admin/subscriptions/${encodeURIComponent('O#}v\u0000h')}`).set(as('ecma-operator')), 'id'],
    ['a repeated search parameter', () => http().get('/v1/admin/subscriptions?q=ab&q=cd').set(as('ecma-operator')), 'q'],
    ['a NUL in a staff login', () => http().post('/v1/admin/sessions').send({ login: 'ca-\u0000officer', password: 'x' }), 'login'],
    ['a header injected into a name', () => http().post('/v1/subscriptions').send({ givenName: 'A\r\nBcc: x@evil.fr' }), 'givenName'],
    ['an ANSI escape in a review reason', () => http().post(`/v1/admin/subscriptions/${randomUUID()}/review`).set(as('ecma-operator')).send({ decision: 'reject', reason: '\u001b[2Jcleared' }), 'reason'],
    ['a bidi override in a revocation comment', () => http().post(`/v1/admin/subscriptions/${randomUUID()}/revocation`).set(as('ca-officer')).send({ reason: 'key-compromise', comment: 'ok \u202Egnp.exe' }), 'comment'],
    ['an unpaired surrogate in an email', () => http().post('/v1/sessions').send({ email: 'camille\ud800@example.fr' }), 'email'],
    ['a body nested a thousand levels deep', () => http().post('/v1/sessions').set('content-type', 'application/json').send(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`), 'a'],
  ])('answers %s with a 400 naming the field', async (_what, call, field) => {
    const response = await call();
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e: { field: string }) => e.field.split(/[.[]/)[0])).toContain(field);
  });
});


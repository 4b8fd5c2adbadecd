import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { IdDocumentRecord } from '#libs/persistence';
import { handWrittenPdf } from '../support/id-copy-samples.js';
import { LifecycleDriver, agentOf, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** A real one-page PDF (uploads are decoded), its text uncompressed so the test can look for it. */
const PDF = handWrittenPdf();

/** The holder's side over HTTP: registration, the emailed link, the ID-document upload (contract §4.1). */
describe('holder portal over HTTP (real stack)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  let id: string;
  let token: string;
  let session: string;
  let email: string;
  let registrationNumber: string;

  beforeAll(async () => {
    system = await startTestSystem();
    email = `louise.bernard.${Date.now()}@cabinet-bernard.fr`;
    registrationNumber = `35${Date.now() % 1e8}`;
    const created = await http()
      .post('/v1/subscriptions')
      .send({ givenName: 'Louise', surname: 'Bernard', email, registrationNumber, region: 'BRE', postalAddress: ['8 rue Saint-Malo', '35000 Rennes'], acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION })
      .expect(201);
    id = created.body.id;
    token = tokenFromMail((await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject))).text);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('confirms the email address with the link token, once', async () => {
    await http().post('/v1/subscriptions/email-confirmations').send({ token: 'short' }).expect(400);
    await http().post('/v1/subscriptions/email-confirmations').send({ token: 'A'.repeat(43) }).expect(404);
    const confirmed = await http().post('/v1/subscriptions/email-confirmations').send({ token }).expect(200);
    expect(confirmed.body).toMatchObject({ subscriptionId: id, state: 'AWAITING_DOCUMENTS', session: { token: expect.any(String) } });
    session = confirmed.body.session.token;
    // The proof signs the holder in: they follow their request (contract §4.2), nobody else does.
    await http().get(`/v1/subscriptions/${id}`).expect(401);
    const followed = await http().get(`/v1/subscriptions/${id}`).auth(session, { type: 'bearer' }).expect(200);
    expect(followed.body.state).toBe('AWAITING_DOCUMENTS');
    const again = await http().post('/v1/subscriptions/email-confirmations').send({ token }).expect(409);
    expect(again.body.detail).toMatch(/cannot confirm an email address/);
  });

  it('takes uploads only from the signed-in holder', async () => {
    await request(system.api.getHttpServer()).post(`/v1/subscriptions/${id}/documents`).attach('document', PDF, 'cni.pdf').expect(401);
  });

  it('refuses a missing, a non-document and an oversized upload, naming the field, and stores nothing', async () => {
    const count = () => system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId: id });
    const missing = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).field('other', 'x').expect(400);
    expect(missing.body.errors[0].field).toBe('document');
    const html = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', Buffer.from('<html>pdf</html>'), 'id.pdf').expect(415);
    expect(html.body.errors[0].field).toBe('document');
    await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf').expect(413);
    expect(await count()).toBe(0);
  });

  it('stores the copy encrypted, with its SHA-256, and moves the request into review', async () => {
    const uploaded = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', PDF, 'cni.pdf').expect(201);
    expect(uploaded.body).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF.length, state: 'IN_REVIEW' });
    expect(uploaded.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const row = await system.dataSource.getRepository(IdDocumentRecord).findOneByOrFail({ id: uploaded.body.documentId });
    expect(PDF.includes(Buffer.from('Copie de piece d identite'))).toBe(true);
    expect(row.sealed.includes(Buffer.from('Copie de piece d identite'))).toBe(false);
    expect(row.sealed.length).toBe(PDF.length + 12 + 16);
  });

  it('answers 409 and keeps nothing when the workflow does not expect documents', async () => {
    const before = await system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId: id });
    const refused = await http().post(`/v1/subscriptions/${id}/documents`).auth(session, { type: 'bearer' }).attach('document', PDF, 'cni.pdf').expect(409);
    expect(refused.body.detail).toMatch(/cannot submit documents: the subscription is IN_REVIEW/);
    expect(await system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId: id })).toBe(before);
  });

  it('tells anyone the version of the general conditions in force and where to read them', async () => {
    const conditions = await http().get('/v1/conditions/current').expect(200);
    expect(conditions.body).toEqual({ version: CURRENT_CONDITIONS_VERSION, textUrl: '/pki/policies/conditions-generales' });
    await http().get(conditions.body.textUrl).expect(200).expect(/CONDITIONS GENERALES/);
  });

  it('shows the holder what is expected next, from whom and by when, with their own registration (contract §4.2)', async () => {
    const view = (await http().get(`/v1/subscriptions/${id}`).auth(session, { type: 'bearer' }).expect(200)).body;
    expect(view).toMatchObject({
      state: 'IN_REVIEW',
      holder: { givenName: 'Louise', surname: 'Bernard', email, registrationNumber, firm: null },
      conditions: { version: CURRENT_CONDITIONS_VERSION },
      nextStep: { action: 'review', by: 'ecma-operator', deadline: expect.any(String) },
      certificates: [],
      previousSubscriptionId: null,
      nextSubscriptionId: null,
    });
    expect(view.timeline.map((entry: { state: string; event: string }) => `${entry.state}/${entry.event}`)).toEqual([
      'REGISTERED/state-entered',
      'AWAITING_EMAIL_PROOF/state-entered',
      'AWAITING_DOCUMENTS/state-entered',
      'IN_REVIEW/state-entered',
    ]);
  });

  it('lists the certificates once issued and the renewal deadline, naming staff by role only, with no secret', async () => {
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    await driver.pay(id);
    await driver.approve(id);
    await driver.waitForState(id, 'AWAITING_DELIVERY');
    const awaiting = (await http().get(`/v1/subscriptions/${id}`).auth(session, { type: 'bearer' }).expect(200)).body;
    expect(awaiting.nextStep).toMatchObject({ action: 'hand-over', by: 'croec-agent', deadline: expect.any(String) });
    await driver.handOver(id, agentOf('BRE'));
    await driver.waitForState(id, 'ACTIVE');

    const response = await http().get(`/v1/subscriptions/${id}`).auth(session, { type: 'bearer' }).expect(200);
    const view = response.body;
    expect(view.certificates.map((c: { profile: string }) => c.profile)).toEqual(['signature', 'authentication']);
    for (const certificate of view.certificates) {
      expect(Object.keys(certificate).sort()).toEqual(['notAfter', 'notBefore', 'profile', 'revocationReason', 'revokedAt', 'serial']);
      expect(certificate).toMatchObject({ serial: expect.stringMatching(/^[0-9A-F]+$/), revokedAt: null });
    }
    expect(view.nextStep).toEqual({ action: 'renew', by: 'holder', deadline: view.certificates[0].notAfter });
    expect(view.timeline.find((entry: { state: string }) => entry.state === 'ACTIVE')).toMatchObject({ event: 'state-entered', by: 'croec-agent' });
    expect(view.timeline.some((entry: { event: string }) => entry.event === 'payment-recorded')).toBe(true);
    // Staff ids, the payment reference, the token serial and the document stay with staff.
    expect(response.text).not.toMatch(/croec-BRE|ecma-op-1|PAY-|T-1|documentId|sealed|"der"/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { statusQuery, subscriptionWorkflowId } from '#libs/contract';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { SubscriptionRecord } from '#libs/persistence';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const validRegistration = () => ({
  givenName: 'Camille',
  surname: 'Durand',
  email: 'camille.durand@cabinet-durand.fr',
  registrationNumber: `RN-${Math.floor(Math.random() * 1e9)}`,
  region: 'BRE',
  firm: 'Cabinet Durand',
  postalAddress: ['12 rue de la Monnaie', '35000 Rennes'],
  acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
});

describe('registration through the real stack (NestJS → Temporal → activity → PostgreSQL)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  const rowCount = () => system.dataSource.getRepository(SubscriptionRecord).count();

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('starts a subscription workflow that records REGISTERED in the database', async () => {
    const registration = validRegistration();
    const created = await http().post('/v1/subscriptions').send(registration).expect(201);
    const id: string = created.body.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`/v1/subscriptions/${id}`);

    const row = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id });
    // The workflow goes on at once to the email proof: the registration is the first step recorded.
    expect(['REGISTERED', 'AWAITING_EMAIL_PROOF']).toContain(row.state);
    expect(row).toMatchObject({
      registrationNumber: registration.registrationNumber,
      email: registration.email,
      region: 'BRE',
      conditionsVersion: CURRENT_CONDITIONS_VERSION,
    });

    const handle = system.temporal.workflow.getHandle(subscriptionWorkflowId(id));
    const description = await handle.describe();
    expect(description.type).toBe('subscriptionWorkflow');
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(system.taskQueue);
    expect((await handle.query(statusQuery)).timeline[0].state).toBe('REGISTERED');

    const proof = await system.smtp.waitFor((mail) => mail.to.includes(registration.email) && /Confirmez/.test(mail.subject), 15_000);
    expect(proof.text).toMatch(/\/portail\/confirmation\?token=[\w-]{43}/);
    const row2 = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id });
    expect(row2.state).toBe('AWAITING_EMAIL_PROOF');
    // Only the holder (signed in by the emailed link) or staff may follow it.
    await http().get(`/v1/subscriptions/${id}`).expect(401);
  });

  it.each([
    ['a missing field', { email: undefined }, 'email'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an unknown region', { region: 'XX' }, 'region'],
    ['an oversized name', { surname: 'x'.repeat(101) }, 'surname'],
    ['conditions not accepted', { acceptedConditionsVersion: '1999-01' }, 'acceptedConditionsVersion'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ['no postal address', { postalAddress: [] }, 'postalAddress'],
    ['an oversized address line', { postalAddress: ['x'.repeat(101)] }, 'postalAddress'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, change, field) => {
    const before = await rowCount();
    const response = await http()
      .post('/v1/subscriptions')
      .send({ ...validRegistration(), ...change })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await rowCount()).toBe(before);
    const started = await system.temporal.workflow.count(`TaskQueue = '${system.taskQueue}'`);
    expect(started.count).toBe(before); // one workflow per recorded subscription, none for rejected input
  });

  it('answers 400 for malformed JSON, never 500', async () => {
    const response = await http().post('/v1/subscriptions').set('content-type', 'application/json').send('{"givenName":');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses a second open subscription for the same registration number with 409, saying why by mail only', async () => {
    const registration = validRegistration();
    await http().post('/v1/subscriptions').send(registration).expect(201);
    const again = await http().post('/v1/subscriptions').send({ ...registration, email: 'someone.else@cabinet-durand.fr' }).expect(409);
    // Registration numbers are public: the answer tells nothing of the cycle in progress (state, address).
    expect(again.body.detail).toMatch(/message explaining why has been sent/);
    expect(JSON.stringify(again.body)).not.toMatch(new RegExp(`${registration.registrationNumber}|AWAITING|REGISTERED|${registration.email}`));
    const mail = await system.smtp.waitFor((m) => m.to.includes('someone.else@cabinet-durand.fr'), 15_000);
    expect(mail.subject).toMatch(/n’a pas été enregistrée/);
  });

  it('asks for a session before anything else when reading a subscription', async () => {
    await http().get('/v1/subscriptions/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b').expect(401);
    await http().get('/v1/subscriptions/not-a-uuid').expect(401);
  });

  it('reports the database and Temporal in /health, and what needs a person: CRLs not current, open incidents', async () => {
    const health = await http().get('/health').expect(200);
    // No CRL published by this test system: every region needs attention, but the API stays in rotation.
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' }, incidents: { open: 0, crl: 0 } });
    expect(health.body.crls).toMatchObject({ status: 'attention', regions: { IDF: { status: 'missing' }, REU: { status: 'missing' } } });
    expect(health.body.alerts).toContain('CRL IDF: missing');
  });
});

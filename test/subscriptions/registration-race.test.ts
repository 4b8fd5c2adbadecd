import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { IdDocumentRecord, RegistrationClaimRecord, SubscriptionRecord } from '#libs/persistence';
import { idCopyPdf } from '../support/id-copy-pdf.js';
import { LifecycleDriver, operator, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { reviewUpdate } from '#libs/contract';

const RACERS = 10;

const registrationOf = (registrationNumber: string, email: string) => ({
  givenName: 'Camille',
  surname: 'Durand',
  email,
  registrationNumber,
  region: 'BRE',
  postalAddress: ['12 rue de la Monnaie', '35000 Rennes'],
  acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
});

/**
 * Registration numbers are public (the Ordre's roll): a number may have one cycle in progress,
 * whoever races for it, and a holder's session opens what their mailbox proved, nothing else.
 */
describe('one cycle per registration number, holders bound to what they proved (real stack)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  const registrationNumber = `35${String(Date.now() % 1e8).padStart(8, '0')}`;
  const emails = Array.from({ length: RACERS }, (_, i) => `racer.${i}.${Date.now()}@cabinet-${i}.fr`);
  let winner: { id: string; email: string; session: string };

  beforeAll(async () => {
    // Ten registrations at once are above the default per-client rate limit: turned off here.
    system = await startTestSystem({ environment: { RATE_LIMIT_PUBLIC_REQUESTS: '0', RATE_LIMIT_SIGN_IN_REQUESTS: '0' } });
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function confirmedSession(id: string, email: string): Promise<string> {
    const mail = await system.smtp.waitFor((m) => m.to.includes(email) && m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 30_000);
    const confirmed = await http().post('/v1/subscriptions/email-confirmations').send({ token: tokenFromMail(mail.text) }).expect(200);
    return confirmed.body.session.token as string;
  }

  it(`of ${RACERS} registrations racing for one number, exactly one is recorded; the others learn nothing of it`, async () => {
    const answers = await Promise.all(emails.map((email) => http().post('/v1/subscriptions').send(registrationOf(registrationNumber, email))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    const won = answers.findIndex((a) => a.status === 201);
    const refusals = answers.filter((a) => a.status === 409);
    for (const refusal of refusals) {
      expect(refusal.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refusal.body.title).toBe('registration not recorded');
      // Nothing of the cycle in progress: not its state, not its address, not even the number echoed.
      const text = JSON.stringify(refusal.body);
      for (const leak of [registrationNumber, emails[won], 'AWAITING', 'REGISTERED', answers[won].body.id]) expect(text).not.toContain(leak);
    }

    const rows = await system.dataSource.getRepository(SubscriptionRecord).findBy({ registrationNumber });
    expect(rows.map((r) => r.id)).toEqual([answers[won].body.id]);
    expect(await system.dataSource.getRepository(RegistrationClaimRecord).findBy({ registrationNumber })).toEqual([
      expect.objectContaining({ subscriptionId: answers[won].body.id }),
    ]);

    // The reason goes by mail to each address given, and says nothing of the other cycle either.
    for (const [i, email] of emails.entries()) {
      if (i === won) continue;
      const mail = await system.smtp.waitFor((m) => m.to.includes(email), 30_000);
      expect(mail.subject).toMatch(/n’a pas été enregistrée/);
      expect(mail.text).toContain(registrationNumber);
      expect(mail.text).not.toContain(emails[won]);
    }
    winner = { id: answers[won].body.id, email: emails[won], session: await confirmedSession(answers[won].body.id, emails[won]) };
    await http().get(`/v1/subscriptions/${winner.id}`).auth(winner.session, { type: 'bearer' }).expect(200);
  });

  it('a losing racer has nothing to sign in to: the sign-in link goes to the winner only', async () => {
    const loser = emails.find((e) => e !== winner.email)!;
    await http().post('/v1/sessions').send({ email: loser }).expect(202);
    await http().post('/v1/sessions').send({ email: winner.email }).expect(202);
    await system.smtp.waitFor((m) => m.to.includes(winner.email) && /connexion/i.test(m.subject), 30_000);
    expect(system.smtp.messages.filter((m) => m.to.includes(loser) && /connexion/i.test(m.subject))).toEqual([]);
  });

  it('another holder’s session neither reads nor acts on that cycle, and changes nothing', async () => {
    const otherNumber = `29${String(Date.now() % 1e8).padStart(8, '0')}`;
    const otherEmail = `other.${Date.now()}@cabinet-autre.fr`;
    const other = await http().post('/v1/subscriptions').send(registrationOf(otherNumber, otherEmail)).expect(201);
    const session = await confirmedSession(other.body.id, otherEmail);
    const as = <T extends request.Test>(req: T) => req.auth(session, { type: 'bearer' });
    const before = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id: winner.id });

    expect((await as(http().get(`/v1/subscriptions/${winner.id}`))).status).toBe(403);
    expect((await as(http().post(`/v1/subscriptions/${winner.id}/documents`)).attach('document', await idCopyPdf(), 'cni.pdf')).status).toBe(403);
    expect((await as(http().post(`/v1/subscriptions/${winner.id}/changes`)).send({ firm: 'Cabinet Pirate' })).status).toBe(403);
    expect((await as(http().post(`/v1/subscriptions/${winner.id}/revocation-requests`)).send({ reason: 'holder-request' })).status).toBe(403);
    expect((await as(http().post(`/v1/subscriptions/${winner.id}/renewal`))).status).toBe(403);

    const after = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id: winner.id });
    expect(after).toEqual(before);
    expect(await system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId: winner.id })).toBe(0);
    // Its own cycle, it does open.
    await as(http().get(`/v1/subscriptions/${other.body.id}`)).expect(200);
  });

  it('once the cycle is over, the number is free again', async () => {
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    await driver.submitDocuments(winner.id);
    await driver.handle(winner.id).executeUpdate(reviewUpdate, { args: [{ decision: 'reject', reason: 'pièce illisible', reviewer: operator }] });
    await driver.waitForState(winner.id, 'REJECTED');
    // The projection released the claim with the terminal transition.
    for (let i = 0; i < 100 && (await system.dataSource.getRepository(RegistrationClaimRecord).countBy({ registrationNumber })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await system.dataSource.getRepository(RegistrationClaimRecord).countBy({ registrationNumber })).toBe(0);
    const again = await http().post('/v1/subscriptions').send(registrationOf(registrationNumber, emails[0])).expect(201);
    expect(await system.dataSource.getRepository(RegistrationClaimRecord).findOneByOrFail({ registrationNumber })).toMatchObject({ subscriptionId: again.body.id });
  });
});

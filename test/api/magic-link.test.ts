import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { SignInLinkRecord } from '#libs/persistence';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import type { CapturedMail } from '../support/smtp-capture.js';

/** The token in a sign-in mail (what the holder's click carries to the sign-in page). */
function signInToken(mail: CapturedMail): string {
  const match = /\/portail\/connexion\?token=([\w-]{43})/.exec(mail.text);
  if (!match) throw new Error('no sign-in link in the mail');
  return match[1];
}

/** Holders sign in by a link mailed to their address: POST /v1/sessions, then POST /v1/sessions/magic-link. */
describe('magic-link holder sessions (real stack)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  const suffix = Date.now();
  const email = `jeanne.morel.${suffix}@cabinet-morel.fr`;
  let id: string;
  const isSignInMail = (to: string) => (m: CapturedMail) => m.to.includes(to) && /lien de connexion/.test(m.subject);

  beforeAll(async () => {
    system = await startTestSystem();
    const created = await http()
      .post('/v1/subscriptions')
      .send({ givenName: 'Jeanne', surname: 'Morel', email, registrationNumber: `44${suffix % 1e8}`, region: 'BRE', postalAddress: ['5 rue de Nantes', '35000 Rennes'], acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION })
      .expect(201);
    id = created.body.id;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers 202 alike for a known and an unknown address, and mails only the known one', async () => {
    const unknownAddress = `personne.${suffix}@inconnu.fr`;
    const unknown = await http().post('/v1/sessions').send({ email: unknownAddress }).expect(202);
    const known = await http().post('/v1/sessions').send({ email: email.toUpperCase() }).expect(202);
    expect(known.body).toEqual(unknown.body);
    const mail = await system.smtp.waitFor(isSignInMail(email), 20_000);
    expect(mail.text).toContain('Bonjour Jeanne Morel');
    expect(mail.text).toMatch(/ne sert qu’une fois et expire/);
    expect(mail.headers['x-signexpert-reference']).toBe(id);
    await sleep(500);
    expect(system.smtp.messages.filter((m) => m.to.includes(unknownAddress))).toEqual([]);
    // Only the token's SHA-256 is stored.
    const rows = await system.dataSource.getRepository(SignInLinkRecord).findBy({ subscriptionId: id });
    expect(rows.map((r) => r.tokenHash)).toContain(createHash('sha256').update(signInToken(mail)).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(signInToken(mail));
  });

  it('exchanges a link for a holder session once, and only once', async () => {
    const before = system.smtp.messages.length;
    await http().post('/v1/sessions').send({ email }).expect(202);
    const mail = await system.smtp.waitFor((m) => isSignInMail(email)(m) && system.smtp.messages.indexOf(m) >= before, 20_000);
    const token = signInToken(mail);
    const opened = await http().post('/v1/sessions/magic-link').send({ token }).expect(200);
    expect(opened.body).toMatchObject({ subscriptionId: id, session: { token: expect.any(String), expiresAt: expect.any(String) } });
    const followed = await http().get(`/v1/subscriptions/${id}`).auth(opened.body.session.token, { type: 'bearer' }).expect(200);
    expect(followed.body.id).toBe(id);
    const again = await http().post('/v1/sessions/magic-link').send({ token }).expect(401);
    expect(again.body.title).toBe('invalid link');
  });

  it('refuses an expired link as it refuses an unknown one', async () => {
    const before = system.smtp.messages.length;
    await http().post('/v1/sessions').send({ email }).expect(202);
    const mail = await system.smtp.waitFor((m) => isSignInMail(email)(m) && system.smtp.messages.indexOf(m) >= before, 20_000);
    const token = signInToken(mail);
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const link = await system.dataSource.getRepository(SignInLinkRecord).findOneByOrFail({ tokenHash });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(15 * 60 * 1000);
    // Sixteen minutes later, as far as the link is concerned.
    await system.dataSource.query(`UPDATE sign_in_links SET created_at = created_at - interval '16 minutes', expires_at = expires_at - interval '16 minutes' WHERE token_hash = $1`, [tokenHash]);
    const expired = await http().post('/v1/sessions/magic-link').send({ token }).expect(401);
    const unknown = await http().post('/v1/sessions/magic-link').send({ token: 'A'.repeat(43) }).expect(401);
    expect(expired.body).toEqual(unknown.body);
  });

  it('answers 400 naming the field for bad input', async () => {
    for (const [body, field] of [
      [{ email: 'not-an-address' }, 'email'],
      [{}, 'email'],
      [{ email, admin: true }, 'admin'],
    ] as const) {
      const refused = await http().post('/v1/sessions').send(body).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const short = await http().post('/v1/sessions/magic-link').send({ token: 'short' }).expect(400);
    expect(short.body.errors[0].field).toBe('token');
  });
});

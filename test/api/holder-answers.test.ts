import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { LifecycleDriver, agentOf, holderRegistration, operator } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * What the holder's own requests answer: the holder's view of the subscription, in which staff are
 * named by role, never the workflow's status, which names their accounts (issue 13).
 */
describe('holder requests answer with the holder view (real stack)', () => {
  let system: TestSystem;
  const http = () => request(system.api.getHttpServer());
  const staffIds = [operator.id, agentOf('BRE').id];

  /** An ACTIVE cycle, staff named by account in its workflow history, and its holder's session. */
  async function activeCycle(): Promise<{ id: string; session: string }> {
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    await http().post('/v1/sessions').send({ email: registration.email }).expect(202);
    const link = await system.smtp.waitFor((m) => m.to.includes(registration.email) && /connexion\?token=/.test(m.text), 15_000);
    const token = /connexion\?token=([\w-]+)/.exec(link.text)![1];
    return { id, session: (await http().post('/v1/sessions/magic-link').send({ token }).expect(200)).body.session.token };
  }

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('a revocation and a reported change answer as GET does, naming no staff account', async () => {
    const [revoking, changing] = await Promise.all([activeCycle(), activeCycle()]);
    const viewed = await http().get(`/v1/subscriptions/${revoking.id}`).auth(revoking.session, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(viewed.body)).not.toContain(operator.id);

    const revoked = await http().post(`/v1/subscriptions/${revoking.id}/revocation-requests`).auth(revoking.session, { type: 'bearer' }).send({ reason: 'holder-request' }).expect(200);
    expect(revoked.body).toMatchObject({ id: revoking.id, state: 'REVOKED' });
    expect(Object.keys(revoked.body).sort()).toEqual(Object.keys(viewed.body).sort());
    // The firm is in the certificates: the change revokes them and offers a new cycle.
    const changed = await http().post(`/v1/subscriptions/${changing.id}/changes`).auth(changing.session, { type: 'bearer' }).send({ firm: 'Cabinet Durand et associés' }).expect(200);
    expect(changed.body).toMatchObject({ id: changing.id });
    expect(Object.keys(changed.body).sort()).toEqual(Object.keys(viewed.body).sort());
    for (const answer of [revoked.body, changed.body]) {
      const text = JSON.stringify(answer);
      for (const staffId of staffIds) expect(text).not.toContain(staffId);
    }
  });
});

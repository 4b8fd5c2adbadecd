import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION, type RegionCode, type StaffRole } from '#libs/domain';
import { SubscriptionRecord } from '#libs/persistence';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * The `issuances` queue (subscriptions being issued), read by the ECMA's issuance follow-up.
 * ISSUING lasts seconds in a healthy system, so the rows are put in the projection directly: what
 * is tested here is the read side (states, order, region confinement, roles), not the workflow.
 */
describe('issuances queue over HTTP', () => {
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const STAFF: { login: string; role: StaffRole; region?: RegionCode }[] = [
    { login: 'operator', role: 'ecma-operator' },
    { login: 'agent.idf', role: 'croec-agent', region: 'IDF' },
    { login: 'auditor', role: 'auditor' },
  ];

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    const accounts = new StaffAccounts(system.dataSource);
    for (const member of STAFF) {
      const password = randomBytes(16).toString('base64url');
      await accounts.create({ login: member.login, displayName: member.login, role: member.role, region: member.region, password });
      tokens[member.login] = (await http().post('/v1/admin/sessions').send({ login: member.login, password }).expect(201)).body.token;
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function projected(state: SubscriptionRecord['state'], region: RegionCode, minutesAgo: number): Promise<string> {
    const id = randomUUID();
    const at = new Date(Date.now() - minutesAgo * 60_000);
    await system.dataSource.getRepository(SubscriptionRecord).insert({
      id,
      state,
      givenName: 'Lou',
      surname: `Martin-${minutesAgo}`,
      email: `lou.${minutesAgo}@example.fr`,
      registrationNumber: `75${String(minutesAgo).padStart(8, '0')}`,
      region,
      firm: null,
      conditionsVersion: CURRENT_CONDITIONS_VERSION,
      conditionsAcceptedAt: at,
      createdAt: at,
      stateChangedAt: at,
      previousSubscriptionId: null,
      pendingAction: 'issue',
      pendingDeadline: null,
      certificatesNotAfter: null,
      lastEventSeq: 1,
    });
    return id;
  }

  it('lists ISSUING subscriptions only, oldest first, an agent their region only, and refuses roles without queues', async () => {
    const recentBre = await projected('ISSUING', 'BRE', 5);
    const olderIdf = await projected('ISSUING', 'IDF', 30);
    await projected('AWAITING_DELIVERY', 'BRE', 60);

    const all = await http().get('/v1/admin/queues/issuances').set(as('operator')).expect(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([olderIdf, recentBre]);
    expect(all.body.items[0]).toMatchObject({ state: 'ISSUING', region: 'IDF', holder: { surname: 'Martin-30' } });

    const idf = await http().get('/v1/admin/queues/issuances').set(as('agent.idf')).expect(200);
    expect(idf.body.items.map((i: { id: string }) => i.id)).toEqual([olderIdf]);

    await http().get('/v1/admin/queues/issuances').set(as('auditor')).expect(403);
    await http().get('/v1/admin/queues/issuances').expect(401);
  });
});

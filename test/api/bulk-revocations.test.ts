import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION, type StaffRole } from '#libs/domain';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const STAFF: { login: string; role: StaffRole }[] = [
  { login: 'csoec.a', role: 'csoec-officer' },
  { login: 'csoec.b', role: 'csoec-officer' },
  { login: 'ca.officer', role: 'ca-officer' },
  { login: 'auditor', role: 'auditor' },
];

interface Summary {
  bulkRevocationId: string;
  state: string;
  reason: string | null;
  decisionReference: string;
  registrationCount: number;
  orderedByYou: boolean;
  mayApprove: boolean;
  counts: Record<string, number>;
}

/** GET /v1/admin/bulk-revocations: where a second officer finds the decisions awaiting approval (4-eyes said by the server). */
describe('bulk revocations listed for the officers (real API, real Temporal visibility)', () => {
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (login: string) => ({ Authorization: `Bearer ${tokens[login]}` });

  beforeAll(async () => {
    system = await startTestSystem();
    const accounts = new StaffAccounts(system.dataSource);
    for (const member of STAFF) {
      const password = randomBytes(16).toString('base64url');
      await accounts.create({ login: member.login, displayName: member.login, role: member.role, region: null, password });
      tokens[member.login] = (await http().post('/v1/admin/sessions').send({ login: member.login, password }).expect(201)).body.token;
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** Visibility is eventually consistent: the list shows a new workflow a moment after its start. */
  async function listedAs(login: string, id: string, until: (item: Summary) => boolean = () => true): Promise<Summary> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await http().get('/v1/admin/bulk-revocations').set(as(login)).expect(200);
      const item = (response.body.items as Summary[]).find((i) => i.bulkRevocationId === id);
      if (item && until(item)) return item;
      if (Date.now() > deadline) throw new Error(`bulk revocation ${id} not listed as expected: ${JSON.stringify(item)}`);
      await sleep(200);
    }
  }

  it('lists the decision for every reader, offers the approval to the other officer only, and follows it to DONE', async () => {
    const ordered = await http()
      .post('/v1/admin/bulk-revocations')
      .set(as('csoec.a'))
      .send({ registrationNumbers: ['00000011', '00000012'], reason: 'authority-decision', decisionReference: 'CSOEC-2026-7' })
      .expect(201);
    const id: string = ordered.body.id;

    const byOrderer = await listedAs('csoec.a', id);
    expect(byOrderer).toMatchObject({ state: 'AWAITING_APPROVAL', reason: 'authority-decision', decisionReference: 'CSOEC-2026-7', registrationCount: 2, orderedByYou: true, mayApprove: false });
    expect(byOrderer).not.toHaveProperty('items');
    expect(await listedAs('csoec.b', id)).toMatchObject({ orderedByYou: false, mayApprove: true });
    expect(await listedAs('ca.officer', id)).toMatchObject({ state: 'AWAITING_APPROVAL', mayApprove: false });
    expect(await listedAs('auditor', id)).toMatchObject({ mayApprove: false });

    const report = await http().get(`/v1/admin/bulk-revocations/${id}`).set(as('csoec.a')).expect(200);
    expect(report.body).toMatchObject({ state: 'AWAITING_APPROVAL', reason: 'authority-decision', orderedByYou: true, mayApprove: false });
    expect(report.body.items).toHaveLength(2);
    expect(new Date(report.body.orderedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const refused = await http().post(`/v1/admin/bulk-revocations/${id}/approval`).set(as('csoec.a')).expect(409);
    expect(refused.body.detail).toMatch(/second, different officer/);
    await http().post(`/v1/admin/bulk-revocations/${id}/approval`).set(as('csoec.b')).expect(200);

    const done = await listedAs('csoec.b', id, (item) => item.state === 'DONE');
    expect(done).toMatchObject({ mayApprove: false, counts: { pending: 0, unknown: 2 } });
  });

  it('checks the order when it is given: a ground the system alone sets is a 400; unknown numbers are reported before approval', async () => {
    for (const reason of ['superseded', 'token-not-delivered', 'closed-after-incident']) {
      const refused = await http()
        .post('/v1/admin/bulk-revocations')
        .set(as('csoec.a'))
        .send({ registrationNumbers: ['00000021'], reason, decisionReference: 'CSOEC-2026-8' })
        .expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    }

    const inProgress = `35${String(Date.now() % 1e8).padStart(8, '0')}`;
    await http()
      .post('/v1/subscriptions')
      .send({ givenName: 'Jeanne', surname: 'Martin', email: `jeanne.${inProgress}@cabinet-martin.fr`, registrationNumber: inProgress, region: 'BRE', postalAddress: ['1 place de la Mairie', '35000 Rennes'], acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION })
      .expect(201);
    const ordered = await http()
      .post('/v1/admin/bulk-revocations')
      .set(as('csoec.a'))
      .send({ registrationNumbers: [inProgress, '00000099'], reason: 'authority-decision', decisionReference: 'CSOEC-2026-9' })
      .expect(201);
    expect(ordered.body.registrationNumbers).toEqual({ total: 2, inProgress: 1, withoutCycleInProgress: 0, notFound: ['00000099'] });

    // The approving officer sees the unknown number before approving.
    const report = await http().get(`/v1/admin/bulk-revocations/${ordered.body.id}`).set(as('csoec.b')).expect(200);
    expect(report.body).toMatchObject({ state: 'AWAITING_APPROVAL', mayApprove: true, counts: { pending: 1, unknown: 1 } });
    expect(report.body.items).toEqual([
      { registrationNumber: inProgress, outcome: 'pending' },
      { registrationNumber: '00000099', outcome: 'unknown', detail: 'no subscription under this number when the decision was ordered' },
    ]);
  });

  it('refuses the list to the roles that may not read bulk revocations, and without a session', async () => {
    await http().get('/v1/admin/bulk-revocations').expect(401);
    const password = randomBytes(16).toString('base64url');
    await new StaffAccounts(system.dataSource).create({ login: 'operator', displayName: 'operator', role: 'ecma-operator', region: null, password });
    const token = (await http().post('/v1/admin/sessions').send({ login: 'operator', password }).expect(201)).body.token;
    await http().get('/v1/admin/bulk-revocations').set('Authorization', `Bearer ${token}`).expect(403);
  });

  describe('console settings', () => {
    let withUi: INestApplication;
    beforeAll(async () => {
      withUi = await createApiApp({ ...system.env, DATABASE_URL: system.env.DATABASE_URL!, TEMPORAL_UI_URL: 'http://temporal.example:8233/' }, { logDestination: { write: () => undefined } });
      await withUi.init();
    });
    afterAll(async () => {
      await withUi?.close();
    });

    it('tells the console where the Temporal Web UI is, or that there is none', async () => {
      await http().get('/v1/admin/console-settings').expect(401);
      expect((await http().get('/v1/admin/console-settings').set(as('auditor')).expect(200)).body).toEqual({ temporalUi: null });
      const configured = await request(withUi.getHttpServer()).get('/v1/admin/console-settings').set(as('ca.officer')).expect(200);
      expect(configured.body).toEqual({ temporalUi: { url: 'http://temporal.example:8233', namespace: 'default' } });
    });
  });
});

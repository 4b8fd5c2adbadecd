import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { RegionCode, StaffRole } from '#libs/domain';
import { AuditLog } from '#libs/audit';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { handWrittenPdf } from '../support/id-copy-samples.js';
import { LifecycleDriver } from '../support/lifecycle-driver.js';
import { requestInReview as requestHolderInReview } from '../support/request-in-review.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** A real one-page PDF: uploads are decoded. */
const PDF = handWrittenPdf();
const STAFF: { name: string; role: StaffRole; region?: RegionCode }[] = [
  { name: 'operator', role: 'ecma-operator' },
  { name: 'agentBre', role: 'croec-agent', region: 'BRE' },
  { name: 'agentIdf', role: 'croec-agent', region: 'IDF' },
  { name: 'csoec', role: 'csoec-officer' },
  { name: 'csoec2', role: 'csoec-officer' },
  { name: 'caOfficer', role: 'ca-officer' },
  { name: 'auditor', role: 'auditor' },
];

/** Staff over HTTP: every admin route × every role, region confinement, and a whole cycle by the staff's hands. */
describe('staff administration over HTTP (real stack)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const accounts = new StaffAccounts(system.dataSource);
    for (const member of STAFF) {
      const password = randomBytes(16).toString('base64url');
      await accounts.create({ login: member.name.toLowerCase(), displayName: member.name, role: member.role, region: member.region, password });
      const session = await http().post('/v1/admin/sessions').send({ login: member.name.toLowerCase(), password }).expect(201);
      tokens[member.name] = session.body.token;
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** A Breton holder's request, waiting in review (registered, email proved and ID copy uploaded over HTTP). */
  function requestInReview(): Promise<{ id: string; documentId: string }> {
    const registrationNumber = `35${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const form = { givenName: 'Marc', surname: 'Leroy', email: `marc.leroy.${registrationNumber}@example.fr`, registrationNumber, region: 'BRE' as const, postalAddress: ['3 quai Duguay-Trouin', '35000 Rennes'] };
    return requestHolderInReview(system, form, { content: PDF, filename: 'cni.pdf' });
  }

  it('lets each role reach exactly its routes (403 otherwise, 401 without a session)', async () => {
    const { id, documentId } = await requestInReview();
    const bulk = await http().post('/v1/admin/bulk-revocations').set(as('csoec')).send({ registrationNumbers: ['00000001'], reason: 'authority-decision', decisionReference: 'D-2026-1' }).expect(201);
    const routes: { route: string; call: () => request.Test; allowed: StaffRole[] }[] = [
      { route: 'GET queues/reviews', call: () => http().get('/v1/admin/queues/reviews'), allowed: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer'] },
      { route: 'GET subscriptions?q=', call: () => http().get('/v1/admin/subscriptions?q=Leroy'), allowed: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'GET subscriptions/:id', call: () => http().get(`/v1/admin/subscriptions/${id}`), allowed: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'POST review', call: () => http().post(`/v1/admin/subscriptions/${id}/review`).send({ decision: 'reject' }), allowed: ['ecma-operator'] },
      { route: 'POST payment', call: () => http().post(`/v1/admin/subscriptions/${id}/payment`).send({ amountCents: 0, reference: 'x' }), allowed: ['ecma-operator'] },
      { route: 'POST delivery', call: () => http().post(`/v1/admin/subscriptions/${id}/delivery`).send({ originalsChecked: true, documentsMatch: true }), allowed: ['croec-agent'] },
      { route: 'POST revocation', call: () => http().post(`/v1/admin/subscriptions/${id}/revocation`).send({ reason: 'nope' }), allowed: ['csoec-officer', 'ca-officer', 'ecma-operator'] },
      { route: 'GET documents/:id', call: () => http().get(`/v1/admin/documents/${documentId}`), allowed: ['ecma-operator', 'croec-agent'] },
      { route: 'POST bulk-revocations', call: () => http().post('/v1/admin/bulk-revocations').send({}), allowed: ['csoec-officer'] },
      { route: 'GET bulk-revocations', call: () => http().get('/v1/admin/bulk-revocations'), allowed: ['csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'GET staff-directory', call: () => http().get('/v1/admin/staff-directory'), allowed: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'GET console-settings', call: () => http().get('/v1/admin/console-settings'), allowed: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'GET bulk-revocations/:id', call: () => http().get(`/v1/admin/bulk-revocations/${bulk.body.id}`), allowed: ['csoec-officer', 'ca-officer', 'auditor'] },
      { route: 'GET audit', call: () => http().get('/v1/admin/audit'), allowed: ['auditor', 'ca-officer'] },
      { route: 'GET incidents', call: () => http().get('/v1/admin/incidents'), allowed: ['ecma-operator', 'ca-officer', 'csoec-officer', 'auditor'] },
      { route: 'POST incidents/:id/decision', call: () => http().post(`/v1/admin/incidents/${documentId}/decision`).send({ action: 'retry' }), allowed: ['ecma-operator', 'ca-officer'] },
    ];
    const mismatches: string[] = [];
    for (const { route, call, allowed } of routes) {
      const anonymous = await call();
      if (anonymous.status !== 401) mismatches.push(`${route} anonymous → ${anonymous.status}`);
      for (const member of STAFF.filter((m) => m.name !== 'agentIdf' && m.name !== 'csoec2')) {
        const status = (await call().set(as(member.name))).status;
        const expectedAllowed = allowed.includes(member.role);
        if (expectedAllowed === (status === 403) || status === 401 || status >= 500) mismatches.push(`${route} as ${member.role} → ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps a CROEC agent to their own region', async () => {
    const { id, documentId } = await requestInReview();
    await http().get(`/v1/admin/subscriptions/${id}`).set(as('agentIdf')).expect(403);
    await http().get(`/v1/admin/documents/${documentId}`).set(as('agentIdf')).expect(403);
    await http().post(`/v1/admin/subscriptions/${id}/delivery`).set(as('agentIdf')).send({ originalsChecked: true, documentsMatch: true }).expect(403);
    const search = await http().get('/v1/admin/subscriptions?q=Leroy').set(as('agentIdf')).expect(200);
    expect(search.body.items).toEqual([]);
  });

  it('takes a request from review to ACTIVE and to revocation, with 409 reasons, bad input named, and every step audited', async () => {
    const { id, documentId } = await requestInReview();
    const reviews = await http().get('/v1/admin/queues/reviews?limit=200').set(as('operator')).expect(200);
    expect(reviews.body.items.map((item: { id: string }) => item.id)).toContain(id);
    const copy = await http().get(`/v1/admin/documents/${documentId}`).set(as('operator')).expect(200);
    expect(Buffer.from(copy.body).equals(PDF) || copy.text === PDF.toString()).toBe(true);
    expect(copy.headers['content-type']).toBe('application/pdf');

    const bad = await http().post(`/v1/admin/subscriptions/${id}/review`).set(as('operator')).send({ decision: 'maybe' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['decision']);
    await http().post(`/v1/admin/subscriptions/${id}/payment`).set(as('operator')).send({ amountCents: -5, reference: 'PAY-1' }).expect(400);
    await http().post(`/v1/admin/subscriptions/${id}/delivery`).set(as('agentBre')).send({ originalsChecked: true, documentsMatch: true }).expect(409);

    expect((await http().post(`/v1/admin/subscriptions/${id}/review`).set(as('operator')).send({ decision: 'approve' }).expect(200)).body.state).toBe('AWAITING_PAYMENT');
    const again = await http().post(`/v1/admin/subscriptions/${id}/review`).set(as('operator')).send({ decision: 'approve' }).expect(409);
    expect(again.body.detail).toMatch(/cannot review the request: the subscription is AWAITING_PAYMENT/);
    await http().post(`/v1/admin/subscriptions/${id}/payment`).set(as('operator')).send({ amountCents: 24000, reference: 'VIR-2026-001' }).expect(200);
    await driver.waitForState(id, 'AWAITING_DELIVERY');

    const idfQueue = await http().get('/v1/admin/queues/deliveries').set(as('agentIdf')).expect(200);
    expect(idfQueue.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const breQueue = await http().get('/v1/admin/queues/deliveries?limit=200').set(as('agentBre')).expect(200);
    expect(breQueue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const active = await http().post(`/v1/admin/subscriptions/${id}/delivery`).set(as('agentBre')).send({ originalsChecked: true, documentsMatch: true, tokenSerial: 'SX-0042' }).expect(200);
    expect(active.body.state).toBe('ACTIVE');

    const revoked = await http().post(`/v1/admin/subscriptions/${id}/revocation`).set(as('csoec')).send({ reason: 'authority-decision', comment: 'décision disciplinaire' }).expect(200);
    expect(revoked.body.state).toBe('REVOKED');
    const view = await http().get(`/v1/admin/subscriptions/${id}`).set(as('auditor')).expect(200);
    expect(view.body.certificates.every((c: { revocationReason: string }) => c.revocationReason === 'privilegeWithdrawn')).toBe(true);
    expect(view.body.timeline.map((s: { state: string }) => s.state)).toContain('ACTIVE');

    const audit = system.api.get(AuditLog);
    const entries = (await audit.list({ subject: id, limit: 100 })).entries.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`);
    for (const action of ['review.decide', 'payment.record', 'delivery.record', 'ca.revoke']) {
      expect(entries.some((entry: string) => entry.startsWith(action))).toBe(true);
    }
    const reads = (await audit.list({ subject: documentId, limit: 10 })).entries.map((e: { action: string }) => e.action);
    expect(reads).toContain('document.read'); // every read of an ID copy is audited (contract §7.1)
    expect((await audit.verify()).ok).toBe(true);
  });

  it('pages queues by cursor, oldest first, with a clear 400 for a forged cursor', async () => {
    await requestInReview();
    await requestInReview();
    const first = await http().get('/v1/admin/queues/reviews?limit=1').set(as('operator')).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await http().get(`/v1/admin/queues/reviews?limit=1&cursor=${first.body.nextCursor}`).set(as('operator')).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(Date.parse(second.body.items[0].waitingSince)).toBeGreaterThanOrEqual(Date.parse(first.body.items[0].waitingSince));
    const forged = await http().get('/v1/admin/queues/reviews?cursor=abc').set(as('operator')).expect(400);
    expect(forged.body.errors[0].field).toBe('cursor');
    await http().get('/v1/admin/queues/nonsense').set(as('operator')).expect(400);
  });

  it('runs a bulk revocation only after a second CSOEC officer approves', async () => {
    const ordered = await http().post('/v1/admin/bulk-revocations').set(as('csoec')).send({ registrationNumbers: ['12345678'], reason: 'authority-decision', decisionReference: 'CSOEC-42' }).expect(201);
    const refused = await http().post(`/v1/admin/bulk-revocations/${ordered.body.id}/approval`).set(as('csoec')).expect(409);
    expect(refused.body.detail).toMatch(/second, different officer/);
    const approved = await http().post(`/v1/admin/bulk-revocations/${ordered.body.id}/approval`).set(as('csoec2')).expect(200);
    expect(approved.body.state).toBe('RUNNING');
    const bad = await http().post('/v1/admin/bulk-revocations').set(as('csoec')).send({ registrationNumbers: [], reason: 'authority-decision', decisionReference: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decisionReference', 'registrationNumbers']);
  });

  it('names colleagues in the staff directory by the actor string the timelines and audit log carry, without secrets', async () => {
    const response = await http().get('/v1/admin/staff-directory').set(as('auditor')).expect(200);
    const accounts = await new StaffAccounts(system.dataSource).findByLogin('agentbre');
    expect(response.body.staff).toContainEqual({ actor: `croec-agent ${accounts!.id}`, login: 'agentbre', displayName: 'agentBre', role: 'croec-agent', region: 'BRE', disabled: false });
    expect(response.body.staff).toHaveLength(STAFF.length);
    expect(response.text).not.toMatch(/argon2|passwordHash|failedAttempts/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { AuditLog } from '#libs/audit';
import type { RegionCode, StaffRole } from '#libs/domain';
import { CertificateRecord, IncidentRecord, SubscriptionRecord } from '#libs/persistence';
import { HolderSessions, StaffAccounts } from '../../apps/api/src/auth/index.js';
import { publishMissingCrls } from '../../apps/worker/src/crl-schedules.js';
import { ACTIVITY_POLICIES } from '../../workflows/activity-policies.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { RelyingParty } from '../support/revocation-status.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * Incidents on the real stack (DESIGN.md, "Incidents"). Faults are injected into the real
 * PostgreSQL with CHECK constraints that refuse one value the API and the workflows accept: the
 * projection or the CRL publication then meets a genuine, final refusal from the database.
 */
describe('incidents: a step that cannot be completed holds its cycle, and revocation still goes through (real stack)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let relyingParty: RelyingParty;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());
  const as = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });

  const openIncidents = async () => (await http().get('/v1/admin/incidents').set(as('ecma-operator')).expect(200)).body.items as {
    id: string;
    kind: string;
    subscriptionId: string | null;
    region: string;
    step: string;
    error: { type: string; message: string; retryable: boolean };
    actions: string[];
    holder: { surname: string } | null;
  }[];
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(150);
    }
  };
  const certificatesOf = (subscriptionId: string) => system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId });
  const activeCycle = async (region: RegionCode = 'BRE') => {
    const registration = holderRegistration({ region });
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf(region));
    const session = await system.api.get(HolderSessions).open({ subscriptionId: id });
    return { id, registration, holder: { Authorization: `Bearer ${session.token}` } };
  };

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    relyingParty = await RelyingParty.of(system.api.getHttpServer());
    const accounts = new StaffAccounts(system.dataSource);
    for (const role of ['ecma-operator', 'ca-officer', 'auditor', 'croec-agent'] as StaffRole[]) {
      const password = randomBytes(16).toString('base64url');
      await accounts.create({ login: role, displayName: role, role, password, ...(role === 'croec-agent' ? { region: 'BRE' } : {}) });
      tokens[role] = (await http().post('/v1/admin/sessions').send({ login: role, password }).expect(201)).body.token;
    }
    // Every region has a CRL from the start, as a worker's start-up makes sure.
    await publishMissingCrls(system.temporal, system.dataSource, ['BRE', 'IDF'], system.taskQueue);
    await waitFor('first CRLs', async () => ((await system.dataSource.query('SELECT count(DISTINCT region)::int AS n FROM crls'))[0].n === 2 ? true : undefined));
  });

  afterAll(async () => {
    await relyingParty?.close();
    await system?.stop();
  });

  it('gives every activity the worker runs a bounded policy (the table names each of them)', () => {
    expect(Object.keys(system.runtime.activities).sort()).toEqual(Object.keys(ACTIVITY_POLICIES).sort());
  });

  it('holds an active cycle whose reported change the database refuses; a key-compromise revocation is applied at once; a correction lets the cycle record both', async () => {
    const { id, holder } = await activeCycle();
    await system.dataSource.query(`ALTER TABLE subscriptions ADD CONSTRAINT fault_firm CHECK (firm IS DISTINCT FROM 'Cabinet en panne') NOT VALID`);
    try {
      // 1. The change is accepted by the edge and the workflow, refused by the database: a clear 503, not a hang.
      const started = Date.now();
      const change = await http().post(`/v1/subscriptions/${id}/changes`).set(holder).send({ firm: 'Cabinet en panne' });
      expect(change.status).toBe(503);
      expect(change.body).toMatchObject({ title: 'held by an incident', detail: expect.stringContaining('recordTransition') });
      expect(Date.now() - started).toBeLessThan(60_000);

      // 2. Staff see it in the incidents queue, with what they may decide (no cancel for an active holder).
      const [incident] = (await openIncidents()).filter((i) => i.subscriptionId === id);
      expect(incident).toMatchObject({ kind: 'subscription', region: 'BRE', step: 'recordTransition', actions: ['retry', 'correct'], holder: { surname: 'Durand' } });
      expect(incident.error).toMatchObject({ type: 'DatabaseRefusal', retryable: false, message: expect.stringContaining('23514') });
      expect(incident.error.message).not.toContain('Cabinet en panne');
      await http().get('/v1/admin/incidents').set(as('croec-agent')).expect(403);
      await http().post(`/v1/admin/incidents/${incident.id}/decision`).set(as('auditor')).send({ action: 'retry' }).expect(403);

      // 3. While held, other requests are refused with the reason; a revocation is applied at once.
      const renewal = await http().post(`/v1/subscriptions/${id}/renewal`).set(holder);
      expect(renewal.status).toBe(409);
      expect(renewal.body.detail).toMatch(/held at step recordTransition by an incident/);
      const revocationStarted = Date.now();
      const revoked = await http().post(`/v1/admin/subscriptions/${id}/revocation`).set(as('ca-officer')).send({ reason: 'key-compromise' }).expect(200);
      expect(Date.now() - revocationStarted).toBeLessThan(15_000);
      expect(revoked.body.certificates.map((c: { revoked?: { reason: string } }) => c.revoked?.reason)).toEqual(['keyCompromise', 'keyCompromise']);
      expect(revoked.body.incident).toMatchObject({ incidentId: incident.id, step: 'recordTransition' });
      for (const certificate of await certificatesOf(id)) {
        await relyingParty.waitUntilRevoked(certificate, 'BRE');
        expect((await relyingParty.crlEntry(certificate.serial, 'BRE'))?.reasonCode).toBe(1); // keyCompromise
      }

      // 4. A wrong decision is refused; the correction is carried out and the cycle records what happened.
      const refused = await http().post(`/v1/admin/incidents/${incident.id}/decision`).set(as('ecma-operator')).send({ action: 'cancel' });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/offers retry, correct/);
      const corrected = await http()
        .post(`/v1/admin/incidents/${incident.id}/decision`)
        .set(as('ecma-operator'))
        .send({ action: 'correct', corrections: { firm: 'Cabinet Durand & Fils' } })
        .expect(200);
      expect(corrected.body).toMatchObject({ incidentId: incident.id });
      expect(corrected.body.incident).toBeUndefined();
      const row = await waitFor('the cycle recorded as revoked', async () => {
        const s = await system.dataSource.getRepository(SubscriptionRecord).findOneBy({ id });
        return s?.state === 'REVOKED' ? s : undefined;
      });
      expect(row.firm).toBe('Cabinet Durand & Fils');
      const timeline = (await http().get(`/v1/admin/subscriptions/${id}`).set(as('ecma-operator')).expect(200)).body.timeline as { state: string; note: string | null }[];
      expect(timeline.map((step) => step.note)).toEqual(expect.arrayContaining(['changes reported: firm', 'key-compromise: signature and authentication revoked']));
      expect((await certificatesOf(id)).map((c) => c.revocationReason)).toEqual(['keyCompromise', 'keyCompromise']);
      const closed = await system.dataSource.getRepository(IncidentRecord).findOneByOrFail({ id: incident.id });
      expect(closed).toMatchObject({ resolution: 'correct', resolvedBy: expect.stringContaining('ecma-operator') });
      expect((await openIncidents()).filter((i) => i.subscriptionId === id)).toEqual([]);
      const audit = await new AuditLog(system.dataSource).list({ subject: id, limit: 50 });
      expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['incident.open', 'incident.close', 'ca.revoke']));
    } finally {
      await system.dataSource.query('ALTER TABLE subscriptions DROP CONSTRAINT IF EXISTS fault_firm');
    }
  });

  it('holds an issuance the CA refuses (a name too long for a certificate); staff correct the name and both certificates are issued', async () => {
    // Registered before the edge learnt this rule, or by someone reaching Temporal: the CA refuses it at issuance.
    const registration = holderRegistration({ givenName: 'Marie-Amélie Bérengère Léopoldine', surname: 'de La Tour d’Auvergne-Lauraguais' });
    const id = await driver.start(registration);
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
    await driver.confirmEmail(id, /token=([\w-]+)/.exec(mail.text)![1]);
    await driver.submitDocuments(id);
    await driver.pay(id);
    await driver.approve(id);
    const incident = await waitFor('an issuance incident', async () => (await openIncidents()).find((i) => i.subscriptionId === id));
    expect(incident).toMatchObject({ step: 'issueCertificates', actions: ['retry', 'correct', 'cancel'] });
    expect(incident.error).toMatchObject({ type: 'InvalidRegistrationError', retryable: false, message: expect.stringMatching(/common name exceeds 64/) });
    expect((await driver.status(id)).state).toBe('ISSUING');

    const cannotReplaceEmail = await http()
      .post(`/v1/admin/incidents/${incident.id}/decision`)
      .set(as('ca-officer'))
      .send({ action: 'correct', corrections: { email: 'autre@example.fr' } });
    expect(cannotReplaceEmail.status).toBe(409);
    expect(cannotReplaceEmail.body.detail).toMatch(/proved the email address/);
    await http()
      .post(`/v1/admin/incidents/${incident.id}/decision`)
      .set(as('ca-officer'))
      .send({ action: 'correct', corrections: { givenName: 'Marie-Amélie', surname: 'de La Tour d’Auvergne' }, comment: 'nom d’usage de la pièce d’identité' })
      .expect(200);
    const status = await driver.waitForState(id, 'AWAITING_DELIVERY');
    expect(status.certificates).toHaveLength(2);
    const rows = await certificatesOf(id);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.der.includes(Buffer.from('Marie-Amélie de La Tour d’Auvergne')))).toBe(true);
  });

  it('cancels, on staff decision, a request held before issuance; the holder’s queued cancellation is answered, not lost', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
    await driver.confirmEmail(id, /token=([\w-]+)/.exec(mail.text)![1]);
    await system.dataSource.query(`ALTER TABLE subscriptions ADD CONSTRAINT fault_review CHECK (state <> 'IN_REVIEW' OR email <> '${registration.email}') NOT VALID`);
    try {
      await expect(driver.submitDocuments(id)).rejects.toThrow(/held at step recordTransition/);
      const incident = await waitFor('a projection incident', async () => (await openIncidents()).find((i) => i.subscriptionId === id));
      expect(incident.actions).toEqual(['retry', 'correct', 'cancel']);
      const session = await system.api.get(HolderSessions).open({ subscriptionId: id });
      const cancellation = await http().post(`/v1/subscriptions/${id}/revocation-requests`).set({ Authorization: `Bearer ${session.token}` }).send({ reason: 'holder-request' });
      expect(cancellation.status).toBe(503);
      expect(cancellation.body.detail).toMatch(/received; it will be carried out once the incident is resolved/);
      await http().post(`/v1/admin/incidents/${incident.id}/decision`).set(as('ecma-operator')).send({ action: 'cancel', comment: 'demande close' }).expect(200);
      const final = await driver.handle(id).result();
      expect(final.state).toBe('CANCELLED');
      expect(final.timeline.at(-1)).toMatchObject({ state: 'CANCELLED', note: 'closed-after-incident', by: expect.stringContaining('ecma-operator') });
    } finally {
      await system.dataSource.query('ALTER TABLE subscriptions DROP CONSTRAINT IF EXISTS fault_review');
    }
  });

  it('reports a CRL that cannot be published as the region’s incident (audit, /health), and closes it once a retry publishes', async () => {
    await system.dataSource.query(`ALTER TABLE crls ADD CONSTRAINT fault_crl CHECK (region <> 'IDF') NOT VALID`);
    try {
      const { id } = await activeCycle('IDF');
      await driver.revoke(id, { ground: 'key-compromise', requester: { kind: 'staff', id: 'ca-1', role: 'ca-officer' } });
      const incident = await waitFor('a CRL incident', async () => (await openIncidents()).find((i) => i.kind === 'crl' && i.region === 'IDF'));
      expect(incident).toMatchObject({ step: 'publishCrl', actions: ['retry'], subscriptionId: null, error: { type: 'DatabaseRefusal', retryable: false } });
      const audit = await new AuditLog(system.dataSource).list({ action: 'crl.publication-failed', limit: 10 });
      expect(audit.entries[0]).toMatchObject({ subject: 'IDF', actor: 'system (crl-publisher)' });
      const health = (await http().get('/health').expect(200)).body;
      expect(health.incidents.crl).toBeGreaterThanOrEqual(1);
      expect(health.alerts).toEqual(expect.arrayContaining([expect.stringMatching(/open incident/)]));
      // OCSP already answers revoked: the database row is what it reads.
      for (const certificate of await certificatesOf(id)) expect(await relyingParty.ocspStatus(certificate.der, 'IDF')).toBe('revoked');

      await system.dataSource.query('ALTER TABLE crls DROP CONSTRAINT fault_crl');
      const retried = await http().post(`/v1/admin/incidents/${incident.id}/decision`).set(as('ca-officer')).send({ action: 'retry' }).expect(200);
      expect(retried.body).toEqual({ incidentId: incident.id, publicationRequested: true });
      for (const certificate of await certificatesOf(id)) await relyingParty.waitUntilRevoked(certificate, 'IDF');
      const closed = await waitFor('the CRL incident closed', async () => {
        const row = await system.dataSource.getRepository(IncidentRecord).findOneByOrFail({ id: incident.id });
        return row.resolvedAt ? row : undefined;
      });
      expect(closed).toMatchObject({ resolution: 'recovered', resolvedBy: 'system (crl-publisher)' });
    } finally {
      await system.dataSource.query('ALTER TABLE crls DROP CONSTRAINT IF EXISTS fault_crl');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

type Body = Record<string, unknown>;
interface Case {
  route: string;
  path: () => string;
  auth: 'holder' | 'operator' | 'agent' | 'csoec' | 'none';
  valid: Body;
  /** Each variant of the valid body, and the field the 400 must name. */
  bad: [string, Body, string][];
}

const long = (n: number) => 'x'.repeat(n);

/**
 * Every JSON input of the API, missing, malformed, oversized and with unknown fields: a 400
 * problem+json naming the field, never a 500, and the subscription is exactly as before.
 */
describe('input validation of every body (real stack)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let id: string;
  const tokens: Record<string, string> = {};
  const http = () => request(system.api.getHttpServer());

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    // The email proof was used by the driver: the holder signs in through a magic link.
    await http().post('/v1/sessions').send({ email: registration.email }).expect(202);
    const link = await system.smtp.waitFor((m) => m.to.includes(registration.email) && /connexion\?token=/.test(m.text), 15_000);
    const token = /connexion\?token=([\w-]+)/.exec(link.text)![1];
    tokens.holder = (await http().post('/v1/sessions/magic-link').send({ token }).expect(200)).body.session.token;
    const accounts = new StaffAccounts(system.dataSource);
    for (const [name, role, region] of [['operator', 'ecma-operator'], ['agent', 'croec-agent', 'BRE'], ['csoec', 'csoec-officer']] as const) {
      const password = randomBytes(16).toString('base64url');
      await accounts.create({ login: name, displayName: name, role, region, password });
      tokens[name] = (await http().post('/v1/admin/sessions').send({ login: name, password }).expect(201)).body.token;
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  const cases: Case[] = [
    {
      route: 'POST /v1/subscriptions/:id/revocation-requests',
      path: () => `/v1/subscriptions/${id}/revocation-requests`,
      auth: 'holder',
      valid: { reason: 'key-compromise' },
      bad: [['missing', {}, 'reason'], ['malformed', { reason: 'because' }, 'reason'], ['bad list', { reason: 'key-compromise', certificates: ['both'] }, 'certificates']],
    },
    {
      route: 'POST /v1/subscriptions/:id/changes',
      path: () => `/v1/subscriptions/${id}/changes`,
      auth: 'holder',
      valid: { firm: 'Cabinet' },
      bad: [['malformed', { email: 'nope' }, 'email'], ['oversized', { surname: long(101) }, 'surname'], ['wrong type', { givenName: 42 }, 'givenName']],
    },
    {
      route: 'POST /v1/admin/subscriptions/:id/review',
      path: () => `/v1/admin/subscriptions/${id}/review`,
      auth: 'operator',
      valid: { decision: 'approve' },
      bad: [['missing', {}, 'decision'], ['oversized', { decision: 'reject', reason: long(1001) }, 'reason']],
    },
    {
      route: 'POST /v1/admin/subscriptions/:id/payment',
      path: () => `/v1/admin/subscriptions/${id}/payment`,
      auth: 'operator',
      valid: { amountCents: 100, reference: 'PAY-1' },
      bad: [['missing', { reference: 'PAY-1' }, 'amountCents'], ['malformed', { amountCents: 1.5, reference: 'PAY-1' }, 'amountCents'], ['oversized', { amountCents: 1, reference: long(65) }, 'reference']],
    },
    {
      route: 'POST /v1/admin/subscriptions/:id/delivery',
      path: () => `/v1/admin/subscriptions/${id}/delivery`,
      auth: 'agent',
      valid: { originalsChecked: true, documentsMatch: true },
      bad: [['missing', { originalsChecked: true }, 'documentsMatch'], ['wrong type', { originalsChecked: 'yes', documentsMatch: true }, 'originalsChecked'], ['oversized', { originalsChecked: true, documentsMatch: true, note: long(501) }, 'note']],
    },
    {
      route: 'POST /v1/admin/subscriptions/:id/revocation',
      path: () => `/v1/admin/subscriptions/${id}/revocation`,
      auth: 'csoec',
      valid: { reason: 'authority-decision' },
      bad: [['missing', {}, 'reason'], ['malformed date', { reason: 'authority-decision', invalidityDate: 'yesterday' }, 'invalidityDate'], ['oversized', { reason: 'authority-decision', comment: long(501) }, 'comment']],
    },
    {
      route: 'POST /v1/admin/bulk-revocations',
      path: () => '/v1/admin/bulk-revocations',
      auth: 'csoec',
      valid: { registrationNumbers: ['12345678'], reason: 'authority-decision', decisionReference: 'D-1' },
      bad: [['missing', { reason: 'authority-decision', decisionReference: 'D-1' }, 'registrationNumbers'], ['malformed', { registrationNumbers: ['<script>'], reason: 'authority-decision', decisionReference: 'D-1' }, 'registrationNumbers']],
    },
    {
      route: 'POST /v1/admin/sessions',
      path: () => '/v1/admin/sessions',
      auth: 'none',
      valid: { login: 'operator', password: 'x' },
      bad: [['missing', { login: 'operator' }, 'password']],
    },
    {
      route: 'POST /v1/entitlements/signing-tool',
      path: () => '/v1/entitlements/signing-tool',
      auth: 'none',
      valid: { certificate: '-----BEGIN CERTIFICATE-----' },
      bad: [['missing', {}, 'certificate'], ['wrong type', { certificate: 12 }, 'certificate']],
    },
    {
      route: 'POST /v1/sessions',
      path: () => '/v1/sessions',
      auth: 'none',
      valid: { email: 'a@b.fr' },
      bad: [['malformed', { email: 'nope' }, 'email'], ['missing', {}, 'email']],
    },
  ];

  it.each(cases.map((c) => [c.route, c] as const))('%s: 400 naming the field, also for unknown fields, and nothing changes', async (_, testCase) => {
    const before = await driver.status(id);
    const variants: [string, Body, string][] = [...testCase.bad, ['unknown field', { ...testCase.valid, isAdmin: true }, 'isAdmin']];
    for (const [variant, body, field] of variants) {
      const call = http().post(testCase.path()).send(body);
      if (testCase.auth !== 'none') call.set('Authorization', `Bearer ${tokens[testCase.auth]}`);
      const response = await call;
      expect({ variant, status: response.status }).toEqual({ variant, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ variant, fields: (response.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({ variant, fields: expect.arrayContaining([field]) });
    }
    expect(await driver.status(id)).toEqual(before);
  });
});

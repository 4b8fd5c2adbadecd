import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { SubscriptionRecord } from '#libs/persistence';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** A local port with nothing listening on it: Temporal "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const registration = () => ({
  givenName: 'Paul',
  surname: 'Lefèvre',
  email: `paul.${randomBytes(4).toString('hex')}@cabinet-lefevre.fr`,
  registrationNumber: `35${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  region: 'BRE',
  postalAddress: ['3 quai Duguay-Trouin', '35000 Rennes'],
  acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
});

/** Requests that answered 500 (issue 12), each now the right 4xx, or a 503 with Retry-After. */
describe('edge errors: 4xx or 503, never 500 (real stack)', () => {
  let system: TestSystem;
  let withoutTemporal: INestApplication;
  let staffToken: string;
  let auditorToken: string;
  const http = () => request(system.api.getHttpServer());

  beforeAll(async () => {
    system = await startTestSystem();
    const env = { ...system.env, DATABASE_URL: system.env.DATABASE_URL! };
    withoutTemporal = await createApiApp({ ...env, TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` }, { logDestination: { write: () => undefined } });
    await withoutTemporal.init();
    const password = randomBytes(16).toString('base64url');
    await new StaffAccounts(system.dataSource).create({ login: 'edge.operator', displayName: 'Edge', role: 'ecma-operator', region: null, password });
    staffToken = (await http().post('/v1/admin/sessions').send({ login: 'edge.operator', password }).expect(201)).body.token;
    await new StaffAccounts(system.dataSource).create({ login: 'edge.auditor', displayName: 'Edge', role: 'auditor', region: null, password });
    auditorToken = (await http().post('/v1/admin/sessions').send({ login: 'edge.auditor', password }).expect(201)).body.token;
  });
  afterAll(async () => {
    await withoutTemporal?.close();
    await system?.stop();
  });

  it.each([
    ['{"signature":null}', { signature: null }],
    ['{"document":"","signature":null}', { document: '', signature: null }],
  ])('POST /v1/verifications with %s: 400 naming signature', async (_, body) => {
    const response = await http().post('/v1/verifications').send(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('signature');
  });

  it('a null member is a 400 naming it (@IsOptional took it for absent, and the change reached the database)', async () => {
    const before = await system.dataSource.getRepository(SubscriptionRecord).count();
    const response = await http().post('/v1/subscriptions').send({ ...registration(), firm: null });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['firm']);
    expect(await system.dataSource.getRepository(SubscriptionRecord).count()).toBe(before);
  });

  it('an audit cursor beyond PostgreSQL bigint is a 400 naming cursor (was 500: value out of range)', async () => {
    const response = await http().get('/v1/admin/audit?cursor=9824407825758716777').auth(auditorToken, { type: 'bearer' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    await http().get('/v1/admin/audit?cursor=999999999999999999').auth(auditorToken, { type: 'bearer' }).expect(200);
  });

  it('a repeated search term (?q=ab&q=cd) is a 400 naming q', async () => {
    const response = await http().get('/v1/admin/subscriptions?q=ab&q=cd').auth(staffToken, { type: 'bearer' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
  });

  it('a NUL in a search term or in a staff login is a 400 naming the field', async () => {
    const search = await http().get('/v1/admin/subscriptions').query({ q: 'Dur\u0000and' }).auth(staffToken, { type: 'bearer' });
    expect(search.status).toBe(400);
    expect(search.body.errors[0].field).toBe('q');
    const login = await http().post('/v1/admin/sessions').send({ login: 'edge\u0000operator', password: 'x'.repeat(20) });
    expect(login.status).toBe(400);
    expect(login.body.errors[0].field).toBe('login');
  });

  it.each([
    ['objects', (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
    ['arrays', (depth: number) => '['.repeat(depth) + ']'.repeat(depth)],
  ])('JSON nested 5,000 levels deep (%s) is a 400, and the API goes on answering', async (_, nested) => {
    const response = await http().post('/v1/subscriptions').set('content-type', 'application/json').send(nested(5_000));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    await http().get('/health').expect(200);
  });

  it('registration while Temporal cannot be reached: 503 with Retry-After within seconds, nothing recorded', async () => {
    const before = await system.dataSource.getRepository(SubscriptionRecord).count();
    const startedAt = Date.now();
    const response = await request(withoutTemporal.getHttpServer()).post('/v1/subscriptions').send(registration());
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    // The start's deadline is 5 s; generous for a loaded machine, far from the 19 s it took.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(await system.dataSource.getRepository(SubscriptionRecord).count()).toBe(before);
  });

  it.each([
    ['a JSON answer', '/health'],
    ['a problem answer', '/v1/subscriptions/not-a-uuid'],
    ['the OpenAPI document', '/docs/openapi.json'],
    ['a CA certificate', '/pki/ca/root.crt'],
  ])('%s carries X-Content-Type-Options: nosniff', async (_, path) => {
    const response = await http().get(path);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

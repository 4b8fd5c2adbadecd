import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { CURRENT_CONDITIONS_VERSION } from '#libs/domain';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { StaffAccounts } from '../../apps/api/src/auth/staff-accounts.js';
import { createApiLogger } from '../../apps/api/src/logging/http-logging.js';
import { WEB_FRONT_PATHS } from '../../apps/api/src/web/serve-web.js';
import { tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface OpenApiOperation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
}
interface JsonSchema {
  type?: string;
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
}

/** Express route paths in OpenAPI's template syntax: `:id` and `*rest` become `{id}`, `{rest}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/[:*]([A-Za-z_]\w*)/g, '{$1}');
}

/** The web front's pages (HTML, not API operations) and the API docs themselves. */
const NOT_API_ROUTES = new Set<string>([...WEB_FRONT_PATHS.console, ...WEB_FRONT_PATHS.portail, WEB_FRONT_PATHS.home]);

/** Every API route the app actually serves, read from Express's router (not from Nest's metadata). */
function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack
    .filter((layer) => layer.route && !layer.route.path.startsWith('/docs') && !NOT_API_ROUTES.has(layer.route.path))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${openApiPath(layer.route!.path)}`));
}

/** OpenAPI document, request ids, log contents and rate limits: what every route shares (issue 5). */
describe('HTTP cross-cutting concerns (real stack)', () => {
  let system: TestSystem;
  /** An API with request logs on (LOG_LEVEL=info), written into `logs`. */
  let logged: INestApplication;
  /** An API with small rate limits, behind a trusted local proxy. */
  let limited: INestApplication;
  const logs: string[] = [];
  const logText = () => logs.join('');
  /** pino-http writes a request's line when the response has finished: wait for it. */
  async function logLine(predicate: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const line = logLines().find(predicate);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  }
  const logLines = () => logs.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    system = await startTestSystem();
    const env = { ...system.env, DATABASE_URL: system.env.DATABASE_URL! };
    logged = await createApiApp({ ...env, LOG_LEVEL: 'info' }, { logDestination: { write: (chunk: string) => void logs.push(chunk) } });
    await logged.init();
    limited = await createApiApp(
      { ...env, RATE_LIMIT_PUBLIC_REQUESTS: 3, RATE_LIMIT_SIGN_IN_REQUESTS: 2, RATE_LIMIT_OCSP_REQUESTS: 5, TRUST_PROXY: 'loopback' },
      { logDestination: { write: () => undefined } },
    );
    await limited.init();
  });
  afterAll(async () => {
    await limited?.close();
    await logged?.close();
    await system?.stop();
  });

  describe('OpenAPI document', () => {
    let document: { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, JsonSchema> } };
    beforeAll(async () => {
      const response = await request(system.api.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      document = response.body;
    });

    it('is an OpenAPI 3.1 document with every route the app serves, with its method', () => {
      expect(document.openapi).toBe('3.1.0');
      expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
      const served = servedRoutes(system.api);
      expect(served.length).toBeGreaterThan(25);
      expect(served).toEqual(expect.arrayContaining(['POST /v1/subscriptions', 'GET /pki/ocsp/{encodedRequest}', 'GET /health']));
      expect(new Set(documented)).toEqual(new Set(served));
    });

    it('describes request bodies from the DTOs validation rules: required, lengths, patterns, allowed values, nothing else', () => {
      const body = document.paths['/v1/subscriptions']!.post!.requestBody!;
      const ref = body.content['application/json']!.schema.$ref!;
      const registration = document.components.schemas[ref.replace('#/components/schemas/', '')]!;
      expect(registration.type).toBe('object');
      expect(registration.additionalProperties).toBe(false);
      expect(registration.required).toEqual(expect.arrayContaining(['givenName', 'surname', 'email', 'registrationNumber', 'region', 'acceptedConditionsVersion']));
      expect(registration.required).not.toContain('firm');
      expect(registration.properties.givenName).toMatchObject({ type: 'string', maxLength: 100, minLength: 1 });
      expect(registration.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 254 });
      expect(registration.properties.registrationNumber).toMatchObject({ type: 'string', pattern: '^[0-9A-Z-]{4,32}$' });
      expect(registration.properties.region!.enum).toEqual(expect.arrayContaining(['BRE', 'IDF']));
      expect(registration.properties.acceptedConditionsVersion).toMatchObject({ const: CURRENT_CONDITIONS_VERSION });

      const handOver = document.components.schemas.HandOverDto!;
      expect(handOver.required).toEqual(['originalsChecked', 'documentsMatch']);
      expect(handOver.properties.originalsChecked).toMatchObject({ type: 'boolean' });
      expect(handOver.properties.note).toMatchObject({ type: 'string', maxLength: 500 });

      // Every JSON body of the app points at a schema that exists.
      for (const item of Object.values(document.paths)) {
        for (const operation of Object.values(item)) {
          const schema = operation.requestBody?.content['application/json']?.schema;
          if (schema?.$ref) expect(document.components.schemas[schema.$ref.split('/').at(-1)!]).toBeDefined();
        }
      }
    });

    it('describes query objects parameter by parameter, and path parameters', () => {
      const audit = document.paths['/v1/admin/audit']!.get!;
      const limit = audit.parameters!.find((p) => p.name === 'limit');
      expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1 } });
      const subscription = document.paths['/v1/subscriptions/{id}']!.get!;
      expect(subscription.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]));
    });

    it('serves a human page at /docs with its assets from this server (no CDN)', async () => {
      const page = await request(system.api.getHttpServer()).get('/docs').redirects(1).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const assets = [...page.text.matchAll(/<(?:script[^>]+src|link[^>]+href)=["']([^"']+)["']/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThan(2);
      for (const asset of assets) {
        const url = new URL(asset, 'http://api.invalid/docs');
        expect(url.host).toBe('api.invalid');
        await request(system.api.getHttpServer()).get(url.pathname).expect(200);
      }
      const init = await request(system.api.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('/v1/subscriptions');
    });
  });

  describe('structured logs', () => {
    it('writes pino JSON lines: one per request with method, path, status and a request id echoed in X-Request-Id', async () => {
      const response = await request(logged.getHttpServer()).get('/health').set('X-Request-Id', 'trace-0001-abcd');
      expect(response.headers['x-request-id']).toBe('trace-0001-abcd');
      const line = await logLine((entry) => entry.requestId === 'trace-0001-abcd' && entry.res !== undefined);
      expect(line).toMatchObject({ level: 30, name: 'api', req: { method: 'GET', path: '/health' }, res: { statusCode: response.status } });
      expect(typeof line!.time).toBe('string');
      expect(line!.responseTime).toEqual(expect.any(Number));
    });

    it('replaces a missing or malformed X-Request-Id with a fresh UUID, different per request', async () => {
      const malformed = ['tiny1', 'has spaces in it', 'jean.dupont@cabinet.fr', 'x'.repeat(129), 'line\\nbreak-injected'];
      const ids = new Set<string>();
      for (const incoming of [undefined, ...malformed]) {
        const call = request(logged.getHttpServer()).get('/health');
        const response = await (incoming === undefined ? call : call.set('X-Request-Id', incoming));
        const id = response.headers['x-request-id'] as string;
        expect(id).toMatch(UUID);
        ids.add(id);
        expect(await logLine((entry) => entry.requestId === id)).toBeDefined();
      }
      expect(ids.size).toBe(malformed.length + 1);
      for (const incoming of malformed) expect(logText()).not.toContain(incoming);
    });

    it('answers errors with the request id too, and logs them (no body, no query string)', async () => {
      const response = await request(logged.getHttpServer())
        .post('/v1/subscriptions')
        .set('content-type', 'application/json')
        .set('X-Request-Id', 'malformed-json-01')
        .send('{"email":"camille.roux@exemple.fr",');
      expect(response.status).toBe(400);
      expect(response.headers['x-request-id']).toBe('malformed-json-01');
      expect(await logLine((entry) => entry.requestId === 'malformed-json-01')).toMatchObject({ res: { statusCode: 400 } });
      expect(logText()).not.toContain('camille.roux');
    });

    it('never logs personal data or secrets: registration data, link and bearer tokens, passwords, search terms', async () => {
      const http = () => request(logged.getHttpServer());
      const unique = randomBytes(4).toString('hex');
      const registration = {
        givenName: `Gwenaelle${unique}`,
        surname: `Kerhervé${unique}`,
        email: `gwen.${unique}@cabinet-kerherve.fr`,
        registrationNumber: `29${Date.now() % 1e8}`,
        region: 'BRE',
        firm: `Cabinet ${unique}`,
        postalAddress: ['1 place du Parlement', '35000 Rennes'],
        acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION,
      };
      const created = await http().post('/v1/subscriptions').send(registration).expect(201);
      const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === created.body.id && /Confirmez/.test(m.subject));
      const linkToken = tokenFromMail(mail.text);
      const confirmed = await http().post('/v1/subscriptions/email-confirmations').send({ token: linkToken }).expect(200);
      const holderSession = confirmed.body.session.token as string;
      await http().get(`/v1/subscriptions/${created.body.id}`).auth(holderSession, { type: 'bearer' }).expect(200);
      // A token in a query string (as in the emailed link) is not written either.
      await http().get(`/portail/confirmation?token=${linkToken}`);

      const password = randomBytes(16).toString('base64url');
      await new StaffAccounts(system.dataSource).create({ login: `logs-${unique}`, displayName: 'Opératrice', role: 'ecma-operator', password });
      const signedIn = await http().post('/v1/admin/sessions').set('Cookie', `sid=cookie-${unique}`).send({ login: `logs-${unique}`, password }).expect(201);
      const staffToken = signedIn.body.token as string;
      const searchTerm = `Kerhervé${unique}`;
      const found = await http().get('/v1/admin/subscriptions').query({ q: searchTerm }).auth(staffToken, { type: 'bearer' }).expect(200);
      expect(JSON.stringify(found.body)).toContain(created.body.id);
      await http().get('/v1/admin/subscriptions').query({ q: registration.email }).set('Authorization', 'Bearer forged-token-value-1234567890').expect(401);

      await logLine((entry) => (entry.req as { path?: string } | undefined)?.path === '/v1/admin/subscriptions' && (entry.res as { statusCode?: number } | undefined)?.statusCode === 401);
      const text = logText();
      // The requests were logged, by path...
      const paths = logLines().map((entry) => (entry.req as { path?: string } | undefined)?.path);
      expect(paths).toEqual(expect.arrayContaining(['/v1/subscriptions', '/v1/subscriptions/email-confirmations', '/v1/admin/sessions', '/v1/admin/subscriptions']));
      // ...and nothing of what they carried.
      const secrets = [
        ...Object.values(registration).flat().filter((value) => value !== 'BRE' && value !== CURRENT_CONDITIONS_VERSION),
        unique,
        encodeURIComponent(searchTerm),
        linkToken,
        holderSession,
        staffToken,
        password,
        'forged-token-value',
        'Bearer',
      ];
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('authorization');
      expect(text.toLowerCase()).not.toContain('cookie');
    });

    it('goes to stdout by default, through process.stdout', () => {
      const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        createApiLogger({ LOG_LEVEL: 'info' }).info({ requestId: 'stdout-check-1' }, 'hello');
        expect(spy.mock.calls.map((call) => String(call[0])).join('')).toContain('"requestId":"stdout-check-1"');
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('rate limits', () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });

    it('answers 429 problem+json with Retry-After once a client has spent its registrations; others and other routes go on', async () => {
      const http = () => request(limited.getHttpServer());
      for (let i = 0; i < 3; i++) await http().post('/v1/subscriptions').set(from('203.0.113.7')).send({}).expect(400);
      const refused = await http().post('/v1/subscriptions').set(from('203.0.113.7')).send({});
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, title: 'too many requests' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers['x-request-id']).toMatch(UUID);

      // Another address still registers; the same address still reaches other routes.
      await http().post('/v1/subscriptions').set(from('203.0.113.8')).send({}).expect(400);
      await http().post('/v1/subscriptions/email-confirmations').set(from('203.0.113.7')).send({}).expect(400);
      await http().get('/health').set(from('203.0.113.7')).expect((r) => expect(r.status).not.toBe(429));
      await http().get(`/v1/subscriptions/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).set(from('203.0.113.7')).expect(401);
      for (let i = 0; i < 5; i++) await http().get('/v1/admin/audit').set(from('203.0.113.7')).expect(401);
    });

    it('limits the staff sign-in and the OCSP responder per address', async () => {
      const http = () => request(limited.getHttpServer());
      for (let i = 0; i < 2; i++) await http().post('/v1/admin/sessions').set(from('198.51.100.1')).send({ login: 'nobody', password: 'wrong' }).expect(401);
      const locked = await http().post('/v1/admin/sessions').set(from('198.51.100.1')).send({ login: 'nobody', password: 'wrong' }).expect(429);
      expect(locked.headers['retry-after']).toMatch(/^\d+$/);

      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await http().get('/pki/ocsp/MAA%3D').set(from('198.51.100.2'))).status);
      expect(statuses.slice(0, 5)).not.toContain(429);
      expect(statuses[5]).toBe(429);
      expect((await http().post('/pki/ocsp').set(from('198.51.100.2')).set('content-type', 'application/ocsp-request').send(Buffer.from([0x30, 0]))).status).not.toBe(429);
    });

    it('leaves the default API (generous defaults) unaffected by a handful of calls', async () => {
      for (let i = 0; i < 6; i++) await request(system.api.getHttpServer()).post('/v1/subscriptions').send({}).expect(400);
    });
  });
});

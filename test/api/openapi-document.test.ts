import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { StaffAccounts } from '../../apps/api/src/auth/staff-accounts.js';
import { routeFacts, type RouteFacts } from '../../apps/api/src/openapi/route-metadata.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

type Schema = { $ref?: string; type?: string; required?: string[]; properties?: Record<string, Schema>; additionalProperties?: boolean; items?: Schema; enum?: unknown[] };
type Response = { description: string; content?: Record<string, { schema?: Schema }>; headers?: Record<string, { required?: boolean }> };
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme: string }> } };

const PROBLEM = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * The document's completeness, operation by operation, on the app as it is: a route added without
 * what a client needs (its errors, its security, its parameters, its media types) fails here.
 * The content of the document is judged against the running server by test/api/openapi-fuzz.test.ts.
 */
describe('OpenAPI document: every operation complete (real app)', () => {
  let system: TestSystem;
  let document: Document;
  let routes: Map<string, RouteFacts>;
  let staffToken: string;
  const http = () => request(system.api.getHttpServer());
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation, label: `${method.toUpperCase()} ${path}` })));

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    document = (await http().get('/docs/openapi.json').expect(200)).body as Document;
    routes = routeFacts(system.api);
    const password = randomBytes(16).toString('base64url');
    await new StaffAccounts(system.dataSource).create({ login: 'ecma-doc', displayName: 'ECMA', role: 'ecma-operator', password });
    staffToken = (await http().post('/v1/admin/sessions').send({ login: 'ecma-doc', password }).expect(201)).body.token;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('documents more than a handful of operations, each one a route handler', () => {
    expect(operations().length).toBeGreaterThan(30);
    for (const { label, operation } of operations()) expect([label, routes.has(operation.operationId)]).toEqual([label, true]);
  });

  it('gives every operation a 400, a default, and each error answer the problem+json body of ProblemDetailsFilter', () => {
    for (const { label, operation } of operations()) {
      expect([label, Object.keys(operation.responses)]).toEqual([label, expect.arrayContaining(['400', 'default'])]);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        if (label === 'GET /health' && status === '503') continue; // the health report itself, status degraded
        expect([label, status, Object.keys(response.content ?? {})]).toEqual([label, status, [PROBLEM]]);
        expect([label, status, response.content![PROBLEM]!.schema]).toEqual([label, status, { $ref: PROBLEM_REF }]);
        expect([label, status, response.headers?.['X-Request-Id']?.required]).toEqual([label, status, true]);
        expect([label, status, response.description.length > 0]).toEqual([label, status, true]);
      }
    }
    const problem = document.components.schemas.Problem!;
    expect(problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status'], additionalProperties: false });
    expect(Object.keys(problem.properties!).sort()).toEqual(['detail', 'errors', 'status', 'title', 'type']);
    expect(document.components.schemas.FieldProblem).toMatchObject({ required: ['field', 'messages'], additionalProperties: false });
  });

  it('says what each success answer is: its media type (204 aside), X-Request-Id', () => {
    for (const { label, operation } of operations()) {
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect([label, successes.length > 0]).toEqual([label, true]);
      for (const [status, response] of successes) {
        if (status !== '204') expect([label, status, Object.keys(response.content ?? {}).length > 0]).toEqual([label, status, true]);
        expect([label, status, response.headers?.['X-Request-Id']?.required]).toEqual([label, status, true]);
      }
    }
    const media = (path: string, method: string, status = '200') => Object.keys(document.paths[path]![method]!.responses[status]!.content ?? {});
    expect(media('/pki/crl/{ca}.crl', 'get')).toEqual(['application/pkix-crl']);
    expect(media('/pki/ca/{name}.crt', 'get')).toEqual(['application/pkix-cert']);
    expect(media('/pki/ca/{name}.pem', 'get')).toEqual(['application/x-pem-file']);
    expect(media('/pki/ocsp', 'post')).toEqual(['application/ocsp-response']);
    expect(media('/pki/ocsp/{encodedRequest}', 'get')).toEqual(['application/ocsp-response']);
    expect(media('/v1/verifications', 'post')).toEqual(['application/json', 'text/plain']);
  });

  it('gives every operation its security: the sessions its guards accept, none on a public route, and a 401 where one is needed', () => {
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['holderSession', 'staffSession']);
    for (const { label, operation } of operations()) {
      expect([label, Array.isArray(operation.security)]).toEqual([label, true]);
      const guarded = operation.security!.length > 0;
      expect([label, guarded, routes.get(operation.operationId)!.guards.length > 0]).toEqual([label, guarded, guarded]);
      if (guarded) expect([label, operation.responses['401']?.headers?.['WWW-Authenticate']?.required]).toEqual([label, true]);
      for (const requirement of operation.security!) {
        for (const scheme of Object.keys(requirement)) expect(document.components.securitySchemes[scheme]).toMatchObject({ type: 'http', scheme: 'bearer' });
      }
    }
    expect(document.paths['/v1/subscriptions/{id}']!.get!.security).toEqual([{ staffSession: [] }, { holderSession: [] }]);
    expect(document.paths['/v1/subscriptions/{id}/documents']!.post!.security).toEqual([{ holderSession: [] }]);
    expect(document.paths['/v1/admin/audit']!.get!.security).toEqual([{ staffSession: [] }]);
    expect(document.paths['/pki/ocsp']!.post!.security).toEqual([]);
  });

  it('matches what the server does: without a session, exactly the operations with security answer 401', async () => {
    const answers: string[] = [];
    for (const { path, method, label, operation } of operations()) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const schema = operation.parameters?.find((p) => p.name === name)?.schema;
        return String(schema?.enum?.[0] ?? randomUUID());
      });
      const response = await (http() as unknown as Record<string, (url: string) => request.Test>)[method]!(url);
      const guarded = (operation.security ?? []).length > 0;
      answers.push(`${label} ${guarded ? 'guarded' : 'public'} ${response.status === 401 ? '401' : 'not 401'}`);
      expect([label, guarded, response.status === 401]).toEqual([label, guarded, guarded]);
    }
    expect(answers.length).toBe(operations().length);
  });

  it('declares every path parameter, every named path or query parameter of the handler, and each request body with its media type', () => {
    for (const { path, label, operation } of operations()) {
      const route = routes.get(operation.operationId)!;
      const parameters = operation.parameters ?? [];
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        expect([label, parameters.find((p) => p.in === 'path' && p.name === name)?.required]).toEqual([label, true]);
      }
      for (const input of route.named) {
        expect([label, input.in, input.name, parameters.some((p) => p.in === input.in && p.name === input.name)]).toEqual([label, input.in, input.name, true]);
      }
      for (const parameter of parameters) expect([label, parameter.name, typeof parameter.schema?.type]).toEqual([label, parameter.name, 'string']);
      if (route.body || route.file) {
        expect([label, operation.requestBody?.required]).toEqual([label, true]);
        const media = Object.keys(operation.requestBody!.content);
        if (route.body) expect([label, media]).toEqual([label, expect.arrayContaining(['application/json'])]);
        if (route.file) expect([label, media]).toEqual([label, expect.arrayContaining(['multipart/form-data'])]);
      }
    }
    const id = document.paths['/v1/admin/subscriptions/{id}']!.get!.parameters!.find((p) => p.name === 'id')!;
    expect(id.schema).toMatchObject({ type: 'string', format: 'uuid' });
    expect(document.paths['/pki/ocsp']!.post!.requestBody!.content).toEqual({ 'application/ocsp-request': { schema: expect.objectContaining({ format: 'binary' }) } });
    const upload = document.paths['/v1/subscriptions/{id}/documents']!.post!.requestBody!.content['multipart/form-data']!.schema!;
    expect(upload.properties?.document).toMatchObject({ type: 'string', format: 'binary' });
    const queue = document.paths['/v1/admin/queues/{queue}']!.get!.parameters!;
    expect(queue.find((p) => p.name === 'queue')!.schema!.enum).toEqual(expect.arrayContaining(['reviews', 'deliveries']));
    expect(queue.find((p) => p.name === 'limit')).toMatchObject({ in: 'query', required: false, schema: { type: 'integer' } });
  });

  it('answers a malformed path or query parameter with a 400 naming it, in the shape the document gives', async () => {
    const as = { Authorization: `Bearer ${staffToken}` };
    const cases: [string, string][] = [
      ['/v1/admin/subscriptions/not-a-uuid', 'id'],
      [`/v1/admin/subscriptions/${randomUUID().replace(/^(.{14})4/, (_, start: string) => `${start}1`)}`, 'id'], // a version-1 UUID
      ['/v1/subscriptions/123', 'id'],
      ['/v1/admin/queues/no-such-queue', 'queue'],
      ['/v1/admin/queues/reviews?limit=ten', 'limit'],
      ['/v1/admin/incidents?limit=1.5', 'limit'],
    ];
    for (const [url, field] of cases) {
      const response = await http().get(url).set(as);
      expect([url, response.status, response.headers['content-type']]).toEqual([url, 400, expect.stringMatching(/^application\/problem\+json/)]);
      expect(response.body).toEqual({ type: 'about:blank', title: 'invalid request', status: 400, detail: expect.stringContaining(field), errors: [{ field, messages: [expect.stringContaining(field)] }] });
    }
    const post = await http().post('/v1/admin/incidents/xyz/decision').set(as).send({ action: 'retry' });
    expect(post.status).toBe(400);
    expect(post.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID (version 4)'] }]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  PROBLEM_SCHEMAS,
  REQUEST_ID_HEADER,
  completeProblemResponse,
  sharedProblemResponses,
  type ResponseObject,
} from './problem-responses.js';
import { routeFacts, type RouteFacts } from './route-metadata.js';
import { SECURITY_SCHEMES, securityOf } from './security.js';
import { schemaFromValidation, type JsonSchema } from './validation-schema.js';

type Parameter = { name: string; in: string; required?: boolean; schema?: Record<string, unknown>; description?: string };
type Operation = {
  operationId?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, ResponseObject>;
  security?: unknown[];
  'x-staff-roles'?: string[];
};

/**
 * The OpenAPI 3.1 document of the app. @nestjs/swagger lays out the paths, operations and path
 * parameters from the routes themselves, and reads the @Api… decorators a handler carries (media
 * types, the errors only it knows). The rest is written here from Nest's own route metadata, once
 * for every route, so that a new route is documented without anyone remembering to:
 * - request bodies and query objects from the DTOs' class-validator rules (what the ValidationPipe enforces);
 * - each named path and query parameter, with what its Parse*Pipe accepts;
 * - security from the guards (StaffAuthGuard, HolderAuthGuard, StaffOrHolderAuthGuard), none on public routes;
 * - the error answers every such route shares (problem-responses.ts), each as application/problem+json.
 * test/api/openapi-document.test.ts fails when an operation comes out incomplete.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('SIGNEXPERT back-office API')
    .setDescription(
      'Holder portal (/v1/subscriptions, /v1/sessions), staff administration (/v1/admin, bearer session), public PKI repository (/pki). ' +
        'Errors are application/problem+json (RFC 9457). Every response carries X-Request-Id.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const routes = routeFacts(app);
  const schemas: Record<string, JsonSchema> = {};
  const nested = new Set<Function>();

  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem) as [string, Operation][]) {
      const route = operation?.operationId ? routes.get(operation.operationId) : undefined;
      if (!route) continue;
      describeInputs(operation, route, schemas, nested);
      describeParameters(operation, route, path);
      const security = securityOf(route);
      if (security) operation.security = security;
      if (route.staffRoles) {
        operation['x-staff-roles'] = [...route.staffRoles];
        operation.description = [operation.description, `Staff roles: ${route.staffRoles.join(', ')}.`].filter(Boolean).join('\n\n');
      }
      describeResponses(operation, route, method, path, (security ?? []).length > 0);
    }
  }
  for (const type of nested) schemas[type.name] ??= schemaFromValidation(type, nested);

  const components = (document.components ??= {});
  type Schemas = NonNullable<typeof components.schemas>;
  components.schemas = { ...components.schemas, ...(schemas as Schemas), ...(PROBLEM_SCHEMAS as unknown as Schemas) };
  components.securitySchemes = { ...SECURITY_SCHEMES };
  return document;
}

/** Request body and query object from the DTOs, where the handler's decorators did not say more. */
function describeInputs(operation: Operation, route: RouteFacts, schemas: Record<string, JsonSchema>, nested: Set<Function>): void {
  if (route.body) {
    schemas[route.body.name] = schemaFromValidation(route.body, nested);
    const declared = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {};
    operation.requestBody = {
      required: true,
      content: {
        'application/json': { schema: { $ref: `#/components/schemas/${route.body.name}` } },
        // A route taking both (POST /v1/verifications): its @ApiBody says what the multipart fields are.
        ...(route.file ? { 'multipart/form-data': { schema: { type: 'object', description: 'the same fields as file fields' } } } : {}),
        ...Object.fromEntries(Object.entries(declared).filter(([mediaType]) => mediaType !== 'application/json')),
      },
    };
  } else if (route.file && !operation.requestBody) {
    operation.requestBody = {
      required: true,
      content: { 'multipart/form-data': { schema: { type: 'object', description: 'one file field (see the route description)' } } },
    };
  }
  if (route.query) {
    // A query DTO: one parameter per validated property, in place of swagger's guess.
    const others = (operation.parameters ?? []).filter((p) => p.in !== 'query');
    const schema = schemaFromValidation(route.query, nested);
    operation.parameters = [
      ...others,
      ...Object.entries(schema.properties ?? {}).map(([name, property]) => ({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: property as Record<string, unknown>,
      })),
    ];
  }
}

/**
 * Every named @Param / @Query of the handler, with what its pipes accept. Swagger already lists
 * path parameters as bare strings and drops query parameters it cannot type, and a wildcard
 * (`*encodedRequest`) not at all; what a decorator (@ApiParam, @ApiQuery) said wins.
 */
function describeParameters(operation: Operation, route: RouteFacts, path: string): void {
  const parameters = (operation.parameters ??= []);
  for (const input of route.named) {
    if (input.in === 'query' && route.query) continue;
    const existing = parameters.find((p) => p.name === input.name && p.in === input.in);
    if (existing && route.declared.has(`${input.in}:${input.name}`)) {
      existing.schema = { ...input.schema, ...existing.schema };
    } else if (existing) {
      // Swagger's own guess: a bare string, and every query parameter required (Nest passes undefined when absent).
      existing.schema = { ...existing.schema, ...input.schema };
      existing.required = !input.optional;
    } else if (input.in === 'query' || path.includes(`{${input.name}}`)) {
      parameters.push({ name: input.name, in: input.in, required: !input.optional, schema: { ...input.schema } });
    }
  }
}

function describeResponses(operation: Operation, route: RouteFacts, method: string, path: string, guarded: boolean): void {
  const responses = (operation.responses ??= {});
  // Any @Api…Response on a handler makes swagger drop the success answer it would infer: put it back.
  if (!Object.keys(responses).some((status) => status.startsWith('2'))) responses[route.successStatus] = { description: '' };
  for (const [status, response] of Object.entries(responses)) {
    if (!status.startsWith('2')) continue;
    // A handler returning a value: Nest answers JSON. One writing its own answer says its media types with @ApiOkResponse.
    if (!response.content && !route.writesOwnResponse && status !== '204') response.content = { 'application/json': { schema: {} } };
    response.headers = { ...response.headers, 'X-Request-Id': REQUEST_ID_HEADER };
  }
  const shared = sharedProblemResponses(route, method, path, guarded);
  for (const status of Object.keys(responses)) {
    if (!status.startsWith('2')) responses[status] = completeProblemResponse(responses[status]!, shared[status]);
  }
  for (const [status, response] of Object.entries(shared)) responses[status] ??= response;
}

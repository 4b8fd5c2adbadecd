import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { schemaFromValidation, type JsonSchema } from './validation-schema.js';

/** What a handler takes besides path parameters, read from Nest's own route metadata. */
interface HandlerInputs {
  body?: Function;
  query?: Function;
  file: boolean;
}

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: unknown;
};

/**
 * The OpenAPI 3.1 document of the app. @nestjs/swagger lays out the paths, operations and path
 * parameters from the routes themselves; the DTOs carry class-validator rules rather than
 * @ApiProperty decorators, so their schemas (request bodies and query objects) are written here
 * from those rules: the document shows exactly what the ValidationPipe enforces.
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
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const handlers = handlerInputs(app);
  const schemas: Record<string, JsonSchema> = {};
  const nested = new Set<Function>();

  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      const inputs = operation?.operationId ? handlers.get(operation.operationId) : undefined;
      if (!inputs) continue;
      if (inputs.body) {
        schemas[inputs.body.name] = schemaFromValidation(inputs.body, nested);
        operation.requestBody = {
          required: true,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${inputs.body.name}` } },
            // A route taking both (POST /v1/verifications): the same fields as multipart files.
            ...(inputs.file ? { 'multipart/form-data': { schema: { type: 'object', description: 'the same fields as file fields' } } } : {}),
          },
        };
      } else if (inputs.file) {
        operation.requestBody = {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', description: 'one file field (see the route description)' } } },
        };
      }
      if (inputs.query) {
        // A query DTO: one parameter per validated property, in place of swagger's guess.
        const others = (operation.parameters ?? []).filter((p) => p.in !== 'query');
        operation.parameters = [...others, ...queryParameters(schemaFromValidation(inputs.query, nested))];
      }
    }
  }
  for (const type of nested) schemas[type.name] ??= schemaFromValidation(type, nested);

  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...(schemas as NonNullable<typeof components.schemas>) };
  return document;
}

function queryParameters(schema: JsonSchema) {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** Body and query inputs of every handler, keyed like @nestjs/swagger's operation ids (`Controller_method`). */
function handlerInputs(app: INestApplication): Map<string, HandlerInputs> {
  const inputs = new Map<string, HandlerInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, { index: number; data?: unknown }> | undefined;
        if (!args) continue;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as Function[];
        const found: HandlerInputs = { file: false };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const type = types[arg.index];
          const isDto = typeof type === 'function' && ![String, Number, Boolean, Object, Array].includes(type as never);
          if (kind === RouteParamtypes.BODY && arg.data === undefined && isDto) found.body = type;
          if (kind === RouteParamtypes.QUERY && arg.data === undefined && isDto) found.query = type;
          if (kind === RouteParamtypes.FILE || kind === RouteParamtypes.FILES) found.file = true;
        }
        inputs.set(`${controller.name}_${method}`, found);
      }
    }
  }
  return inputs;
}

import {
  DefaultValuePipe,
  HttpStatus,
  ParseEnumPipe,
  ParseIntPipe,
  ParseUUIDPipe,
  RequestMethod,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  RESPONSE_PASSTHROUGH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { StaffRole } from '#libs/domain';
// The metadata key only (a constant); the auth module's public face exports the decorator, not its key.
import { ROLES_METADATA } from '../auth/roles.metadata.js';
import type { JsonSchema } from './validation-schema.js';

/** A named `@Param('x')` or `@Query('x')` of a handler, with the schema its pipes enforce. */
export interface NamedInput {
  in: 'path' | 'query';
  name: string;
  schema: JsonSchema & { default?: unknown };
  /** Every query parameter: Nest passes undefined when it is absent. */
  optional: boolean;
}

/** What the OpenAPI document needs to know of a handler, read from Nest's own route metadata. */
export interface RouteFacts {
  body?: Function;
  query?: Function;
  file: boolean;
  named: NamedInput[];
  /** Parameters the handler describes itself (@ApiParam, @ApiQuery), as `in:name`. */
  declared: Set<string>;
  /** Guards of the class and of the handler (classes, or instances' classes). */
  guards: Function[];
  /** `@Roles(...)` of the handler, else of its class. */
  staffRoles?: StaffRole[];
  /** Exception filters of the class and of the handler. */
  filters: Function[];
  /** `@Res()` without passthrough: the handler sets status and media type itself. */
  writesOwnResponse: boolean;
  /** The status Nest answers with when the handler returns normally (@HttpCode, else 201 for POST, 200). */
  successStatus: number;
}

/** Facts of every handler, keyed like @nestjs/swagger's operation ids (`Controller_method`). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        facts.set(`${controller.name}_${method}`, factsOf(controller, method, handler));
      }
    }
  }
  return facts;
}

function factsOf(controller: Type, method: string, handler: Function): RouteFacts {
  type RouteArg = { index: number; data?: unknown; pipes?: unknown[] };
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArg>;
  const described = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as { in?: string; name?: string }[];
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as Function[];
  const found: RouteFacts = {
    file: false,
    named: [],
    declared: new Set(described.map((p) => `${p.in}:${p.name}`)),
    guards: [...metadataList(GUARDS_METADATA, controller), ...metadataList(GUARDS_METADATA, handler)].map(classOf),
    staffRoles: (Reflect.getMetadata(ROLES_METADATA, handler) ?? Reflect.getMetadata(ROLES_METADATA, controller)) as StaffRole[] | undefined,
    filters: [...metadataList(EXCEPTION_FILTERS_METADATA, controller), ...metadataList(EXCEPTION_FILTERS_METADATA, handler)].map(classOf),
    writesOwnResponse: false,
    successStatus: successStatus(handler),
  };
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const type = types[arg.index];
    const isDto = typeof type === 'function' && ![String, Number, Boolean, Object, Array].includes(type as never);
    if (kind === RouteParamtypes.BODY && arg.data === undefined && isDto) found.body = type;
    if (kind === RouteParamtypes.QUERY && arg.data === undefined && isDto) found.query = type;
    if (kind === RouteParamtypes.FILE || kind === RouteParamtypes.FILES) found.file = true;
    if (kind === RouteParamtypes.RESPONSE && !Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, controller, method)) {
      found.writesOwnResponse = true;
    }
    if ((kind === RouteParamtypes.PARAM || kind === RouteParamtypes.QUERY) && typeof arg.data === 'string') {
      found.named.push(namedInput(kind === RouteParamtypes.PARAM ? 'path' : 'query', arg.data, arg.pipes ?? [], type));
    }
  }
  return found;
}

/**
 * The schema a parameter's pipes enforce: the Parse*Pipes (and the API's subclasses of them) and
 * DefaultValuePipe. A query parameter is never required: Nest passes undefined when it is absent
 * (a handler that refuses that says so with @ApiQuery).
 */
function namedInput(location: 'path' | 'query', name: string, pipes: unknown[], type: Function | undefined): NamedInput {
  const schema: NamedInput['schema'] = { type: type === Number ? 'integer' : 'string' };
  for (const pipe of pipes) {
    if (pipe instanceof ParseUUIDPipe) {
      const version = String((pipe as unknown as { version?: unknown }).version ?? 'all');
      Object.assign(schema, { type: 'string', format: 'uuid', ...(version === '4' ? { pattern: UUID_V4_PATTERN } : {}) });
    } else if (isParseIntPipe(pipe)) {
      schema.type = 'integer';
    } else if (pipe instanceof ParseEnumPipe) {
      const values = Object.values((pipe as unknown as { enumType: object }).enumType);
      Object.assign(schema, { type: 'string', enum: [...new Set(values)] });
    } else if (pipe instanceof DefaultValuePipe) {
      schema.default = (pipe as unknown as { defaultValue: unknown }).defaultValue;
    }
  }
  return { in: location, name, schema, optional: location === 'query' };
}

/** Given as a class (Nest instantiates it) or as an instance. */
function isParseIntPipe(pipe: unknown): boolean {
  return pipe === ParseIntPipe || pipe instanceof ParseIntPipe || (typeof pipe === 'function' && pipe.prototype instanceof ParseIntPipe);
}

/** What ParseUUIDPipe({ version: '4' }) accepts (either case). */
export const UUID_V4_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$';

function successStatus(handler: Function): number {
  const status = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (status) return status;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

function metadataList(key: string, target: object): unknown[] {
  return (Reflect.getMetadata(key, target) ?? []) as unknown[];
}

function classOf(guardOrFilter: unknown): Function {
  return typeof guardOrFilter === 'function' ? guardOrFilter : (guardOrFilter as object).constructor;
}

import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** The JSON Schema subset (OpenAPI 3.1 / JSON Schema 2020-12) a DTO's validation rules map to. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array';
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  $ref?: string;
  description?: string;
}

type Constraint = { name?: string; constraints: unknown[] };

/** How one class-validator rule narrows a value's schema; rules not listed only show in the 400 messages. */
const RULES: Record<string, (schema: JsonSchema, rule: Constraint) => void> = {
  isString: (s) => (s.type ??= 'string'),
  isBoolean: (s) => (s.type = 'boolean'),
  isInt: (s) => (s.type = 'integer'),
  isNumber: (s) => (s.type ??= 'number'),
  isPositive: (s) => ((s.type ??= 'number'), (s.minimum = Math.max(s.minimum ?? 0, 0))),
  isArray: (s) => (s.type = 'array'),
  isDateString: (s) => ((s.type = 'string'), (s.format = 'date-time')),
  isISO8601: (s) => ((s.type = 'string'), (s.format = 'date-time')),
  isEmail: (s) => ((s.type = 'string'), (s.format = 'email')),
  isUUID: (s) => ((s.type = 'string'), (s.format = 'uuid')),
  isUrl: (s) => ((s.type = 'string'), (s.format = 'uri')),
  isNotEmpty: (s) => (s.type === 'string' || s.type === undefined ? (s.minLength = Math.max(s.minLength ?? 0, 1)) : undefined),
  minLength: (s, r) => ((s.type ??= 'string'), (s.minLength = r.constraints[0] as number)),
  maxLength: (s, r) => ((s.type ??= 'string'), (s.maxLength = r.constraints[0] as number)),
  length: (s, r) => {
    s.type ??= 'string';
    s.minLength = r.constraints[0] as number;
    if (typeof r.constraints[1] === 'number') s.maxLength = r.constraints[1];
  },
  matches: (s, r) => ((s.type ??= 'string'), (s.pattern = patternOf(r.constraints[0]))),
  isIn: (s, r) => (s.enum = [...(r.constraints[0] as unknown[])]),
  isEnum: (s, r) => (s.enum = [...new Set(Object.values(r.constraints[0] as object))]),
  equals: (s, r) => (s.const = r.constraints[0]),
  min: (s, r) => ((s.type ??= 'number'), (s.minimum = r.constraints[0] as number)),
  max: (s, r) => ((s.type ??= 'number'), (s.maximum = r.constraints[0] as number)),
  arrayMinSize: (s, r) => ((s.type = 'array'), (s.minItems = r.constraints[0] as number)),
  arrayMaxSize: (s, r) => ((s.type = 'array'), (s.maxItems = r.constraints[0] as number)),
  arrayNotEmpty: (s) => ((s.type = 'array'), (s.minItems = Math.max(s.minItems ?? 0, 1))),
  arrayUnique: (s) => ((s.type = 'array'), (s.uniqueItems = true)),
  // @IsCleanText (apps/api/src/http/text-policy.ts): a @Matches pattern, stricter, wins.
  isCleanText: (s, r) => ((s.type ??= 'string'), (s.pattern ??= cleanTextPattern(r.constraints[0] === 'multiline' ? 'multiline' : 'line'))),
};

/**
 * What refuseText (libs/domain/src/text-policy.ts) lets through, as a pattern both ECMA-262 and
 * Python's `re` read (for the fuzzer): no C0/C1 control (line feed, carriage return and tab allowed
 * in multi-line text), no bidirectional formatting character, no BOM, line or paragraph separator,
 * no BMP noncharacter. The astral noncharacters (U+1FFFE…) are left out: no one syntax reads in both.
 */
export function cleanTextPattern(kind: 'line' | 'multiline'): string {
  const controls = kind === 'line' ? '\\u0000-\\u001F' : '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F';
  return `^[^${controls}\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF\\u2028\\u2029\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$`;
}

function patternOf(value: unknown): string {
  return value instanceof RegExp ? value.source : String(value);
}

/**
 * The schema of a DTO from its class-validator rules, the same rules the ValidationPipe applies:
 * a property is required unless @IsOptional, and unknown properties are refused
 * (`forbidNonWhitelisted`), hence `additionalProperties: false`. Nested DTOs (@ValidateNested with
 * a declared class) become `$ref`s to schemas named by `nameOf`, collected in `nested`.
 */
export function schemaFromValidation(dto: Function, nested: Set<Function> = new Set()): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof metadata>();
  for (const entry of metadata) byProperty.set(entry.propertyName, [...(byProperty.get(entry.propertyName) ?? []), entry]);

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, rules] of byProperty) {
    const schema: JsonSchema = {};
    const items: JsonSchema = {};
    let optional = false;
    for (const rule of rules) {
      if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        optional = true; // @IsOptional, @ValidateIf: the property may be absent
        continue;
      }
      if (rule.type === ValidationTypes.NESTED_VALIDATION) {
        const type = designType(dto, property);
        if (type && type !== Array && type !== Object) {
          nested.add(type);
          Object.assign(schema, { $ref: `#/components/schemas/${type.name}` });
        }
        continue;
      }
      const apply = rule.name ? RULES[rule.name] : undefined;
      if (!apply) continue;
      if (rule.each) apply(items, rule);
      else apply(schema, rule);
    }
    if (Object.keys(items).length > 0) {
      schema.type = 'array';
      schema.items = items;
    }
    if (!schema.type && !schema.$ref && !schema.enum && schema.const === undefined) {
      const type = designType(dto, property);
      if (type === String) schema.type = 'string';
      else if (type === Number) schema.type = 'number';
      else if (type === Boolean) schema.type = 'boolean';
      else if (type === Array) schema.type = 'array';
    }
    properties[property] = schema;
    if (!optional) required.push(property);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function designType(dto: Function, property: string): Function | undefined {
  return Reflect.getMetadata('design:type', dto.prototype as object, property) as Function | undefined;
}

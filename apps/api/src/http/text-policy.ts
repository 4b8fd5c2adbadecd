import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { refuseText, type TextKind } from '#libs/domain';
import type { FieldProblem } from './problem-details.filter.js';

/**
 * The text policy of libs/domain (refuseText) at the edge, in two layers:
 * - `TextPolicyPipe`, global, runs before validation on every body, query and route parameter,
 *   brings every string to Unicode NFC and refuses, naming the field, a null member, any string that no field may hold (NUL and other controls save
 *   line breaks and tabs, unpaired surrogates, bidirectional overrides…), any structure nested
 *   deeper than a request ever needs, and a repeated query parameter where one value is expected;
 * - `@IsCleanText()` on each DTO field, single-line unless said otherwise (no CR/LF in a name).
 * Either way the answer is a 400 naming the field, before anything reaches a workflow or the database.
 */
@Injectable()
export class TextPolicyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? '' : (metadata.data ?? '');
    // `?q=ab&q=cd` arrives as an array where a handler reads one value (its declared type is not Array).
    if (metadata.type === 'query' && metadata.data && metadata.metatype !== Array && Array.isArray(value)) {
      throw refused([{ field: metadata.data, messages: [`${metadata.data} must be given once`] }]);
    }
    const problems: FieldProblem[] = [];
    inspect(value, root, 0, problems);
    if (problems.length > 0) throw refused(problems);
    return toNfc(value);
  }
}

/**
 * Text is stored, compared and searched in Unicode NFC: "é" typed as one code point or as "e" and a
 * combining accent is one name, not two (a search, a duplicate check and the certificate agree).
 * Walks only what `inspect` accepted (bounded depth).
 */
function toNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(toNfc);
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNfc(item)]));
}

/** Deeper than any request of this API: a body nested further is refused, not walked. */
const MAX_DEPTH = 16;

function inspect(value: unknown, path: string, depth: number, problems: FieldProblem[]): void {
  if (problems.length >= 10) return;
  const field = path || 'body';
  if (typeof value === 'string') {
    const refusal = refuseText(value, 'multiline');
    if (refusal) problems.push({ field, messages: [`${field} ${refusal}`] });
    return;
  }
  if (value === null && depth > 0) {
    // class-validator's @IsOptional takes null for "absent", and a handler would then apply it:
    // a field is given with a value or left out, never null (no DTO of this API gives null a meaning).
    problems.push({ field, messages: [`${field} must not be null (leave the field out instead)`] });
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (depth >= MAX_DEPTH) {
    problems.push({ field, messages: [`${field} is nested too deeply`] });
    return;
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyRefusal = refuseText(key, 'line');
    const child = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (keyRefusal) {
      problems.push({ field: path || 'body', messages: [`a field name ${keyRefusal}`] });
      continue;
    }
    inspect(item, child, depth + 1, problems);
  }
}

function refused(errors: FieldProblem[]): BadRequestException {
  return new BadRequestException({ title: 'invalid request', detail: `Invalid fields: ${errors.map((p) => p.field).join(', ')}`, errors });
}

/** The field is text a person may type: single-line by default (names, references), or multi-line (a reason, a note). */
export function IsCleanText(kind: TextKind = 'line', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCleanText',
      constraints: [kind],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || refuseText(value, kind) === undefined,
        defaultMessage: buildMessage((prefix, args) => `${prefix}$property ${refuseText(String(args?.value ?? ''), kind) ?? 'is not acceptable text'}`, options),
      },
    },
    options,
  );
}

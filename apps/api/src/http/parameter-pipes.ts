import { BadRequestException, Injectable, ParseEnumPipe, ParseIntPipe, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import type { FieldProblem } from './problem-details.filter.js';

/**
 * Nest's Parse*Pipes answer a bad path or query parameter with a bare "Validation failed (uuid v 4
 * is expected)" that does not say which parameter. These subclasses (still `instanceof` the Nest
 * pipe, which the OpenAPI document reads) answer the API's 400 shape instead, naming the field as
 * the ValidationPipe does: `{ title, detail, errors: [{ field, messages }] }`.
 */
async function namingTheField<T>(metadata: ArgumentMetadata, message: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const field = metadata.data ?? metadata.type;
    const errors: FieldProblem[] = [{ field, messages: [`${field} ${message}`] }];
    throw new BadRequestException({ title: 'invalid request', detail: `Invalid fields: ${field}`, errors });
  }
}

/** Every id of this API is a version-4 UUID (`randomUUID()`). */
@Injectable()
export class UuidParameterPipe extends ParseUUIDPipe {
  constructor() {
    super({ version: '4' });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<string | null | undefined> {
    return namingTheField(metadata, 'must be a UUID (version 4)', () => super.transform(value, metadata));
  }
}

@Injectable()
export class IntegerParameterPipe extends ParseIntPipe {
  override transform(value: string, metadata: ArgumentMetadata): Promise<number | null | undefined> {
    return namingTheField(metadata, 'must be an integer', () => super.transform(value, metadata));
  }
}

@Injectable()
export class EnumParameterPipe<T extends Record<string, string>> extends ParseEnumPipe<T> {
  constructor(private readonly values: T) {
    super(values);
  }

  override transform(value: T, metadata: ArgumentMetadata): Promise<T | null | undefined> {
    return namingTheField(metadata, `must be one of ${Object.values(this.values).join(', ')}`, () => super.transform(value, metadata));
  }
}

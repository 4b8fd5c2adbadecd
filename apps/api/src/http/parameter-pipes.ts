import { BadRequestException, Injectable, ParseEnumPipe, ParseIntPipe, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import type { FieldProblem } from './problem-details.filter.js';

/**
 * Nest's Parse*Pipes answer a bad path or query parameter with a bare "Validation failed (uuid v 4
 * is expected)" that does not say which parameter. These subclasses (still `instanceof` the Nest
 * pipe, which the OpenAPI document reads) answer the API's 400 shape instead, naming the field as
 * the ValidationPipe does: `{ title, detail, errors: [{ field, messages }] }`.
 */
function invalidParameter(metadata: ArgumentMetadata, message: string): BadRequestException {
  const field = metadata.data ?? metadata.type;
  const errors: FieldProblem[] = [{ field, messages: [`${field} ${message}`] }];
  return new BadRequestException({ title: 'invalid request', detail: `Invalid fields: ${field}`, errors });
}

/** Every id of this API is a version-4 UUID (`randomUUID()`). */
@Injectable()
export class UuidParameterPipe extends ParseUUIDPipe {
  constructor() {
    super({ version: '4' });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<string | null | undefined> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadRequestException) throw invalidParameter(metadata, 'must be a UUID (version 4)');
      throw error;
    }
  }
}

@Injectable()
export class IntegerParameterPipe extends ParseIntPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<number | null | undefined> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadRequestException) throw invalidParameter(metadata, 'must be an integer');
      throw error;
    }
  }
}

@Injectable()
export class EnumParameterPipe<T extends Record<string, string>> extends ParseEnumPipe<T> {
  constructor(private readonly values: T) {
    super(values);
  }

  override async transform(value: T, metadata: ArgumentMetadata): Promise<T | null | undefined> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadRequestException) throw invalidParameter(metadata, `must be one of ${Object.values(this.values).join(', ')}`);
      throw error;
    }
  }
}

import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { schemaFromValidation } from './validation-schema.js';

class AddressDto {
  @IsString()
  @MaxLength(10)
  postcode!: string;
}

class ExampleDto {
  @IsString()
  @MaxLength(100)
  name!: string;

  @IsEmail()
  email!: string;

  @Matches(/^[0-9A-Z-]{4,32}$/)
  number!: string;

  @IsIn(['BRE', 'IDF'])
  region!: string;

  @Equals('2024-01')
  version!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @IsOptional()
  @ArrayMaxSize(2)
  @IsIn(['signature', 'authentication'], { each: true })
  certificates?: string[];

  @IsBoolean()
  checked!: boolean;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

describe('schemaFromValidation', () => {
  it('maps the class-validator rules the API enforces onto JSON Schema', () => {
    const nested = new Set<Function>();
    const schema = schemaFromValidation(ExampleDto, nested);
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(['name', 'email', 'number', 'region', 'version', 'checked', 'address']);
    expect(schema.properties).toEqual({
      name: { type: 'string', maxLength: 100 },
      email: { type: 'string', format: 'email' },
      number: { type: 'string', pattern: '^[0-9A-Z-]{4,32}$' },
      region: { enum: ['BRE', 'IDF'] },
      version: { const: '2024-01' },
      limit: { type: 'integer', minimum: 1, maximum: 50 },
      certificates: { type: 'array', maxItems: 2, items: { enum: ['signature', 'authentication'] } },
      checked: { type: 'boolean' },
      address: { $ref: '#/components/schemas/AddressDto' },
    });
    expect([...nested]).toEqual([AddressDto]);
  });
});

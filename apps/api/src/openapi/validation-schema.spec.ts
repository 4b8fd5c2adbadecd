import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { refuseText } from '#libs/domain';
import { IsCleanText } from '../http/text-policy.js';
import { cleanTextPattern, schemaFromValidation } from './validation-schema.js';

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

class NoteDto {
  @IsString()
  @IsCleanText()
  name!: string;

  @IsString()
  @IsCleanText('multiline')
  note!: string;

  @Matches(/^[A-Z]{2}$/)
  @IsCleanText()
  code!: string;
}

describe('schemaFromValidation', () => {
  it('gives @IsCleanText fields the pattern of the text policy, a @Matches pattern winning', () => {
    const schema = schemaFromValidation(NoteDto);
    expect(schema.properties!.name!.pattern).toBe(cleanTextPattern('line'));
    expect(schema.properties!.note!.pattern).toBe(cleanTextPattern('multiline'));
    expect(schema.properties!.code!.pattern).toBe('^[A-Z]{2}$');
  });

  it('writes a clean-text pattern that accepts exactly what refuseText accepts, over the whole BMP', () => {
    for (const kind of ['line', 'multiline'] as const) {
      const pattern = new RegExp(cleanTextPattern(kind), 'u');
      const disagreements: string[] = [];
      for (let code = 0; code <= 0xffff; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates: not text, and not in any JSON a client sends
        const text = `a${String.fromCharCode(code)}b`;
        if (pattern.test(text) !== (refuseText(text, kind) === undefined)) disagreements.push(code.toString(16));
      }
      expect([kind, disagreements]).toEqual([kind, []]);
    }
  });

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

import { describe, expect, it } from '@jest/globals';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { TextPolicyPipe } from './text-policy.js';

const pipe = new TextPolicyPipe();
const body: ArgumentMetadata = { type: 'body' };
const query = (data: string): ArgumentMetadata => ({ type: 'query', data, metatype: String });

function problemOf(run: () => unknown): { field: string; messages: string[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { errors: { field: string; messages: string[] }[] }).errors;
  }
  throw new Error('not refused');
}

describe('TextPolicyPipe', () => {
  it('brings every string to NFC, however deep, leaving other values alone', () => {
    const decomposed = 'Ele\u0301onore';
    const out = pipe.transform({ givenName: decomposed, postalAddress: ['rue de l’E\u0301glise', 'Rennes'], count: 2, ok: true }, body);
    expect(out).toEqual({ givenName: 'El\u00E9onore', postalAddress: ['rue de l’\u00C9glise', 'Rennes'], count: 2, ok: true });
    expect((out as { givenName: string }).givenName).toBe(decomposed.normalize('NFC'));
    expect((out as { givenName: string }).givenName).not.toBe(decomposed);
  });

  it('refuses, naming the field and the character, a control character, a bidi override or an unpaired surrogate', () => {
    expect(problemOf(() => pipe.transform({ firm: 'Cabinet\u0000NUL' }, body))).toEqual([{ field: 'firm', messages: ['firm contains the control character U+0000'] }]);
    expect(problemOf(() => pipe.transform({ postalAddress: ['ok', 'evil\u202Etxt'] }, body))[0].field).toBe('postalAddress[1]');
    expect(problemOf(() => pipe.transform('\uD800', query('q')))[0]).toMatchObject({ field: 'q', messages: [expect.stringMatching(/unpaired surrogate/)] });
  });

  it('refuses a null member, which @IsOptional would take for an absent one', () => {
    expect(problemOf(() => pipe.transform({ firm: 'ok', registrationNumber: null }, body))).toEqual([
      { field: 'registrationNumber', messages: ['registrationNumber must not be null (leave the field out instead)'] },
    ]);
    expect(problemOf(() => pipe.transform({ postalAddress: ['a', null] }, body))[0].field).toBe('postalAddress[1]');
  });

  it('refuses a repeated query parameter and a body nested deeper than any request needs', () => {
    expect(problemOf(() => pipe.transform(['ab', 'cd'], query('q')))).toEqual([{ field: 'q', messages: ['q must be given once'] }]);
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { a: deep };
    expect(problemOf(() => pipe.transform(deep, body))[0].messages[0]).toMatch(/nested too deeply/);
  });
});

import { describe, expect, it } from '@jest/globals';
import { canonicalJson, toJsonValue } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts object members at every depth and drops undefined ones', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same bytes whatever the insertion order (jsonb does not keep it)', () => {
    expect(canonicalJson({ x: 1, reason: 'a', id: 'b' })).toBe(canonicalJson({ id: 'b', reason: 'a', x: 1 }));
  });

  it('encodes strings as JSON does, escapes included', () => {
    expect(canonicalJson('é "q" \n')).toBe('"é \\"q\\" \\n"');
  });

  it('turns dates into ISO strings and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ at: new Date('2025-12-01T00:00:00.000Z') })).toBe('{"at":"2025-12-01T00:00:00.000Z"}');
    expect(() => canonicalJson(Number.NaN)).toThrow(/not a JSON number/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(10n)).toThrow(/bigint/);
  });

  it('toJsonValue gives the value as jsonb gives it back', () => {
    expect(toJsonValue({ at: new Date(0), gone: undefined, list: [undefined] })).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [null] });
  });
});

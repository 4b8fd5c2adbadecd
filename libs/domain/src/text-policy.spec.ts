import { describe, expect, it } from '@jest/globals';
import { refuseText } from './text-policy.js';

describe('refuseText', () => {
  it.each([
    'Camille',
    'Hélène-Marie d’Arcourt',
    'Cabinet Durand & Associés',
    '12 rue de la Monnaie',
    'Ελένη Παπαδοπούλου',
    'محمد',
    '李小龍',
    'Zoë 😀',
    'Ⅻ ﬁ',
  ])('accepts %j', (text) => {
    expect(refuseText(text)).toBeUndefined();
  });

  it.each([
    ['Cabinet\u0000NUL', 'U+0000'],
    ['A\r\nBcc: x@evil.fr', 'U+000D'],
    ['tab\there', 'U+0009'],
    ['\u001b[31mred', 'U+001B'],
    ['del\u007f', 'U+007F'],
    ['c1\u0085', 'U+0085'],
    ['lone \ud800 high', 'U+D800'],
    ['lone \udc00 low', 'U+DC00'],
    ['evil\u202egnp.exe', 'U+202E'],
    ['isolate\u2066x\u2069', 'U+2066'],
    ['bom\ufeff', 'U+FEFF'],
    ['sep\u2028', 'U+2028'],
    ['non\uffff', 'U+FFFF'],
  ])('refuses %j, naming %s', (text, named) => {
    expect(refuseText(text)).toContain(named);
  });

  it('allows line feeds, carriage returns and tabs in multi-line text only', () => {
    expect(refuseText('first line\r\nsecond\tline', 'multiline')).toBeUndefined();
    expect(refuseText('first line\nsecond', 'line')).toMatch(/single line/);
    expect(refuseText('nul\u0000', 'multiline')).toContain('U+0000');
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseRegistrationNumbers, registrationTextOfFile } from './registration-numbers.js';

describe('registration numbers pasted or uploaded for a bulk revocation', () => {
  it('splits on line breaks, spaces, commas and semicolons, keeps each number once and names what is not one', () => {
    expect(parseRegistrationNumbers('35001234\n35005678, 35001234;  ab-12 \n12\t35009999')).toEqual({
      numbers: ['35001234', '35005678', 'AB-12', '35009999'],
      invalid: ['12'],
      duplicates: 1,
    });
    expect(parseRegistrationNumbers('  \n ')).toEqual({ numbers: [], invalid: [], duplicates: 0 });
    expect(parseRegistrationNumbers('3500_1234 35001234é').invalid).toEqual(['3500_1234', '35001234é']);
  });

  it('takes the first column of a CSV export, without its header line; a text file as it is', () => {
    const csv = 'numero_inscription;nom\r\n"35001234";Durand\r\n35005678;Martin\r\n';
    expect(registrationTextOfFile('export.CSV', csv)).toBe('35001234\n35005678');
    expect(registrationTextOfFile('liste.csv', '35001234,Durand\n35005678,Martin')).toBe('35001234\n35005678');
    expect(registrationTextOfFile('liste.txt', 'numero 35001234')).toBe('numero 35001234');
  });
});

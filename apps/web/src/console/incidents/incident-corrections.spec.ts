import { describe, expect, it } from '@jest/globals';
import { describeCorrections, emptyCorrections, readCorrections } from './incident-corrections.js';

describe('corrections of the holder’s details on an incident', () => {
  it('sends only what was filled in, trimmed', () => {
    const fields = { ...emptyCorrections(), firm: '  Cabinet Durand & Fils ', surname: '' };
    expect(readCorrections(fields, false)).toEqual({ corrections: { firm: 'Cabinet Durand & Fils' }, problems: {}, none: false });
  });

  it('says when nothing is corrected', () => {
    expect(readCorrections(emptyCorrections(), true)).toMatchObject({ corrections: {}, none: true });
  });

  it('ignores the email except at the email-proof steps, and checks it there', () => {
    const fields = { ...emptyCorrections(), email: 'autre@example.fr' };
    expect(readCorrections(fields, false)).toMatchObject({ corrections: {}, none: true });
    expect(readCorrections(fields, true)).toMatchObject({ corrections: { email: 'autre@example.fr' }, problems: {} });
    expect(readCorrections({ ...fields, email: 'élodie@cabinet.fr' }, true).problems.email).toMatch(/sans accent/);
    expect(readCorrections({ ...fields, email: 'pas une adresse' }, true).problems.email).toBeDefined();
  });

  it('wants 2 to 5 address lines, the empty ones dropped, and bounds each field', () => {
    const address = (...lines: string[]) => ({ ...emptyCorrections(), postalAddress: [...lines, '', '', '', '', ''].slice(0, 5) });
    expect(readCorrections(address('1 rue de la Paix', '', '75002 Paris'), false)).toMatchObject({ corrections: { postalAddress: ['1 rue de la Paix', '75002 Paris'] }, problems: {} });
    expect(readCorrections(address('1 rue de la Paix'), false).problems.postalAddress).toMatch(/2 à 5 lignes/);
    expect(readCorrections(address('x'.repeat(101), 'Paris'), false).problems.postalAddress).toMatch(/100 caractères/);
    expect(readCorrections({ ...emptyCorrections(), givenName: 'x'.repeat(101) }, false).problems.givenName).toMatch(/100 caractères/);
    expect(readCorrections({ ...emptyCorrections(), firm: 'x'.repeat(201) }, false).problems.firm).toMatch(/200 caractères/);
  });

  it('names what is corrected, for the confirmation', () => {
    expect(describeCorrections({ firm: 'A' })).toBe('le cabinet');
    expect(describeCorrections({ givenName: 'A', surname: 'B', postalAddress: ['a', 'b'] })).toBe('le prénom, le nom et l’adresse postale');
    expect(describeCorrections({ email: 'a@b.fr' })).toBe('l’adresse électronique');
  });
});

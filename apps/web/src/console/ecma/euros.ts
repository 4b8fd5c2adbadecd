// Amounts as the ECMA's staff type them ("240,00 €") and as the API takes them (integer cents).

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** "240", "240,00", "1 240.5 €" → cents; undefined if it is not a positive amount of euros and cents. */
export function parseEuros(text: string): number | undefined {
  const normalised = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(normalised)) return undefined;
  const cents = Math.round(Number(normalised) * 100);
  return cents > 0 ? cents : undefined;
}

export const formatEuros = (cents: number): string => EUROS.format(cents / 100);

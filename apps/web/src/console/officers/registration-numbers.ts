/** The API's rule for a registration number (BulkRevocationDto). */
const REGISTRATION_NUMBER = /^[0-9A-Z-]{4,32}$/;

/** Same bound as the API: one decision names at most 10,000 holders. */
export const MAX_REGISTRATION_NUMBERS = 10_000;

export interface RegistrationList {
  /** Valid numbers, each once, in the order given. */
  numbers: string[];
  /** Entries that are not registration numbers, to be corrected before sending. */
  invalid: string[];
  duplicates: number;
}

/**
 * A pasted list of registration numbers: separated by line breaks, spaces, commas or semicolons,
 * in any case (the Ordre's numbers are digits; capitals and dashes are accepted as the API does).
 */
export function parseRegistrationNumbers(text: string): RegistrationList {
  const seen = new Set<string>();
  const invalid: string[] = [];
  let duplicates = 0;
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const number = entry.toUpperCase();
    if (!REGISTRATION_NUMBER.test(number)) invalid.push(entry);
    else if (seen.has(number)) duplicates++;
    else seen.add(number);
  }
  return { numbers: [...seen], invalid, duplicates };
}

/**
 * The text of an uploaded file as a list: a CSV export keeps its first column, without a header
 * line; a plain text file is taken as it is.
 */
export function registrationTextOfFile(name: string, content: string): string {
  if (!/\.csv$/i.test(name)) return content;
  const firstCells = content
    .split(/\r?\n/)
    .map((line) => line.split(/[;,\t]/)[0]!.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
  if (firstCells.length > 0 && !REGISTRATION_NUMBER.test(firstCells[0]!.toUpperCase())) firstCells.shift();
  return firstCells.join('\n');
}

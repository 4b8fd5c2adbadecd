import { REGIONS } from '../../../../../libs/domain/src/regions.js';

/** The regional council's name for its code (BRE → Bretagne); the code itself if unknown. */
export function regionName(code: string): string {
  return (REGIONS as Record<string, string>)[code] ?? code;
}

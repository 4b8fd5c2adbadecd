/**
 * The regional councils (CROEC) of the Ordre des experts-comptables. Each runs one issuing CA
 * and hands tokens over to the holders registered on its roll (contract §6.2).
 */
export const REGIONS = {
  ARA: 'Auvergne-Rhône-Alpes',
  BFC: 'Bourgogne-Franche-Comté',
  BRE: 'Bretagne',
  CVL: 'Centre-Val de Loire',
  GES: 'Grand Est',
  HDF: 'Hauts-de-France',
  IDF: 'Paris Île-de-France',
  MAR: 'Marseille Provence-Alpes-Côte d’Azur-Corse',
  MON: 'Montpellier',
  NOR: 'Normandie',
  NAQ: 'Nouvelle-Aquitaine',
  PDL: 'Pays de Loire',
  TOU: 'Toulouse Occitanie',
  GLP: 'Guadeloupe',
  MTQ: 'Martinique',
  REU: 'La Réunion',
} as const;

export type RegionCode = keyof typeof REGIONS;

export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === 'string' && Object.hasOwn(REGIONS, value);
}

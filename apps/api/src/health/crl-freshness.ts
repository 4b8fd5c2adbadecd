/**
 * Whether each region's CRL is current (ETSI EN 319 411-1 CSS-6.3.9-05: a new CRL at least every
 * 24 hours, before the previous one's nextUpdate). `late`: not renewed for two scheduling
 * intervals (a publication missed); `expired`: past its nextUpdate (relying parties refuse every
 * certificate of the region); `missing`: never published.
 */
export type CrlStatus = 'fresh' | 'late' | 'expired' | 'missing';

export interface CrlFreshness {
  status: 'ok' | 'attention';
  regions: Record<string, { status: CrlStatus; crlNumber?: string; thisUpdate?: string; nextUpdate?: string }>;
}

export function crlFreshness(
  regions: readonly string[],
  latest: readonly { region: string; crl_number_text: string; this_update: Date; next_update: Date }[],
  now: Date,
  intervalMinutes: number,
): CrlFreshness {
  const byRegion = new Map(latest.map((row) => [row.region, row]));
  const out: CrlFreshness['regions'] = {};
  for (const region of regions) {
    const row = byRegion.get(region);
    if (!row) {
      out[region] = { status: 'missing' };
      continue;
    }
    const status: CrlStatus =
      row.next_update.getTime() <= now.getTime()
        ? 'expired'
        : intervalMinutes > 0 && now.getTime() - row.this_update.getTime() > 2 * intervalMinutes * 60_000
          ? 'late'
          : 'fresh';
    out[region] = { status, crlNumber: row.crl_number_text, thisUpdate: row.this_update.toISOString(), nextUpdate: row.next_update.toISOString() };
  }
  return { status: Object.values(out).every((r) => r.status === 'fresh') ? 'ok' : 'attention', regions: out };
}

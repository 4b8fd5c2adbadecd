import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Environment } from '#libs/config';
import { REGION_CODES } from '#libs/domain';
import { crlFreshness, type CrlFreshness } from './crl-freshness.js';

type Check = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 3_000;

/** The body of GET /health, 200 and 503 alike (OpenAPI). */
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'database', 'temporal'],
  properties: {
    status: { enum: ['ok', 'degraded'] },
    database: { type: 'object', required: ['status'], properties: { status: { enum: ['up', 'down'] }, error: { type: 'string' } } },
    temporal: { type: 'object', required: ['status'], properties: { status: { enum: ['up', 'down'] }, error: { type: 'string' } } },
    crls: { type: 'object' },
    incidents: { type: 'object', properties: { open: { type: 'integer' }, crl: { type: 'integer' } } },
    alerts: { type: 'array', items: { type: 'string' } },
  },
};

/**
 * Liveness of what the API depends on; 503 when any of it is down, so load balancers stop routing
 * here. It also says what a person must look at while the API itself is fine: a region's CRL not
 * renewed on time or past its nextUpdate (relying parties then refuse every certificate), and
 * the open incidents (DESIGN.md, "Incidents"); those are `alerts`, not a reason to stop routing.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** Regions already reported late, so that the log says it once per episode, not once per probe. */
  private readonly reportedLate = new Set<string>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Connection) private readonly temporal: Connection,
    @Inject(Environment) private readonly env: Environment,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal answer; `alerts` lists what a person must look at (late CRLs, open incidents)', content: { 'application/json': { schema: HEALTH_SCHEMA } } })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Temporal does not answer: the same body, status degraded', content: { 'application/json': { schema: HEALTH_SCHEMA } } })
  async check(@Res({ passthrough: true }) response: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.temporal.healthService.check({})),
    ]);
    const healthy = database.status === 'up' && temporal.status === 'up';
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    const watch = database.status === 'up' ? await this.watch().catch(() => undefined) : undefined;
    return { status: healthy ? 'ok' : 'degraded', database, temporal, ...(watch ?? {}) };
  }

  private async watch(): Promise<{ crls: CrlFreshness; incidents: { open: number; crl: number }; alerts: string[] }> {
    const latest = (await this.dataSource.query(
      `SELECT DISTINCT ON (region) region, crl_number::text AS crl_number_text, this_update, next_update FROM crls ORDER BY region, crl_number DESC`,
    )) as { region: string; crl_number_text: string; this_update: Date; next_update: Date }[];
    const crls = crlFreshness(REGION_CODES, latest, new Date(), this.env.CRL_PUBLICATION_INTERVAL_MINUTES);
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE kind = 'crl')::int AS crl FROM incidents WHERE resolved_at IS NULL`,
    )) as { open: number; crl: number }[];
    const alerts = [
      ...Object.entries(crls.regions)
        .filter(([, region]) => region.status !== 'fresh')
        .map(([code, region]) => `CRL ${code}: ${region.status}${region.thisUpdate ? ` (thisUpdate ${region.thisUpdate}, nextUpdate ${region.nextUpdate})` : ''}`),
      ...(counts.open > 0 ? [`${counts.open} open incident(s): GET /v1/admin/incidents`] : []),
    ];
    this.logLateRegions(crls);
    return { crls, incidents: counts, alerts };
  }

  private logLateRegions(crls: CrlFreshness): void {
    for (const [code, region] of Object.entries(crls.regions)) {
      if (region.status === 'fresh') {
        this.reportedLate.delete(code);
      } else if (!this.reportedLate.has(code)) {
        this.reportedLate.add(code);
        this.logger.error(`the CRL of region ${code} is ${region.status}: last thisUpdate ${region.thisUpdate ?? 'never'}, nextUpdate ${region.nextUpdate ?? '-'}`);
      }
    }
  }
}

async function probe(check: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS))),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

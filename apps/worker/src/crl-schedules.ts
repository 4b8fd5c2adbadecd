import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { CRL_PUBLISHER_WORKFLOW_TYPE, type CrlPublisherInput, crlPublisherWorkflowId, crlScheduleId, publishCrlSignal } from '#libs/contract';
import type { DataSource } from 'typeorm';
import type { RegionCode } from '#libs/domain';
import { upsertSchedule, type IntervalSchedule, type ScheduleOutcome } from './upsert-schedule.js';

/**
 * Scheduled runs get their own workflow ids (`crl-publisher-<REGION>-scheduled-<timestamp>`, the
 * server appends the timestamp), distinct from the on-demand publisher `crl-publisher-<REGION>`:
 * a scheduled run never blocks or is blocked by a revocation's signal-with-start. The two may
 * publish at the same moment; publishCrl serialises them with a per-region database lock.
 */
export const SCHEDULED_CRL_WORKFLOW_SUFFIX = '-scheduled';

/**
 * Overlap policy SKIP: the hourly run only refreshes nextUpdate (revocations are published on
 * demand), and a run still in progress at the next tick will itself sign a CRL from the database
 * as it is when its activity runs. Buffering one more run (BUFFER_ONE) would only add a second,
 * redundant CRL right after it; and if the run is stuck (database down, activity retrying), a
 * buffered run would be stuck the same way. The catch-up window is one interval: after a Temporal
 * outage one run is taken (the others are skipped as overlaps), older missed ticks are dropped.
 */
const OVERLAP = ScheduleOverlapPolicy.SKIP;

export type CrlScheduleOutcome = ScheduleOutcome;

/**
 * Idempotently makes sure each region has its CRL Schedule, as wanted: creates it, or updates an
 * existing one whose definition differs (keeping its paused state and note: pausing is an
 * operator's decision). Safe when several workers start at once: a create that loses the race
 * falls back to describe + update.
 */
export async function ensureCrlSchedules(
  client: Client,
  regions: readonly RegionCode[],
  taskQueue: string,
  interval: Duration = '1 hour',
): Promise<Record<string, CrlScheduleOutcome>> {
  const outcomes: Record<string, CrlScheduleOutcome> = {};
  for (const region of regions) outcomes[region] = await ensureCrlSchedule(client, region, taskQueue, interval);
  return outcomes;
}

function desiredSchedule(region: RegionCode, taskQueue: string, interval: Duration) {
  const args: [CrlPublisherInput] = [{ region }];
  return {
    spec: { intervals: [{ every: interval }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: CRL_PUBLISHER_WORKFLOW_TYPE,
      workflowId: `${crlPublisherWorkflowId(region, taskQueue)}${SCHEDULED_CRL_WORKFLOW_SUFFIX}`,
      taskQueue,
      args,
    },
    policies: { overlap: OVERLAP, catchupWindow: interval },
  } satisfies IntervalSchedule;
}

function ensureCrlSchedule(client: Client, region: RegionCode, taskQueue: string, interval: Duration): Promise<CrlScheduleOutcome> {
  return upsertSchedule(client, crlScheduleId(region, taskQueue), desiredSchedule(region, taskQueue, interval));
}

/**
 * Publishes a first CRL for every region that has none yet (a fresh installation): the
 * certificates point at /pki/crl/<REGION>.crl from their first day, so it must never be missing.
 */
export async function publishMissingCrls(client: Client, dataSource: DataSource, regions: readonly RegionCode[], taskQueue: string): Promise<RegionCode[]> {
  const published = new Set(((await dataSource.query('SELECT DISTINCT region FROM crls')) as { region: string }[]).map((row) => row.region));
  const missing = regions.filter((region) => !published.has(region));
  for (const region of missing) {
    await client.workflow.signalWithStart(CRL_PUBLISHER_WORKFLOW_TYPE, {
      workflowId: crlPublisherWorkflowId(region, taskQueue),
      taskQueue,
      args: [{ region }],
      signal: publishCrlSignal,
      signalArgs: [],
    });
  }
  return missing;
}

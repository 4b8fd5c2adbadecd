import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { findRevokedEntry, readCrl } from '#libs/ca-core';
import { CRL_PUBLISHER_WORKFLOW_TYPE, crlPublisherWorkflowId, crlScheduleId } from '#libs/contract';
import type { RegionCode } from '#libs/domain';
import { SCHEDULED_CRL_WORKFLOW_SUFFIX, ensureCrlSchedules } from '../../apps/worker/src/crl-schedules.js';
import { workflowSource } from '../../apps/worker/src/workflow-bundle.js';
import { testTemporalAddress } from '../support/stack-state.js';
import { type CrlFixture, createCrlFixture, eventually, insertCertificate, quietTemporalRuntime, readPublished } from './support/crl-fixture.js';

/** Schedules need the real dev server (the time-skipping test server has none). */
describe('CRL schedules (real Temporal, real PostgreSQL)', () => {
  const regions: RegionCode[] = ['IDF', 'ARA'];
  let fixture: CrlFixture;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `test-crl-schedule-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    quietTemporalRuntime();
    fixture = await createCrlFixture();
    workerConnection = await NativeConnection.connect({ address: testTemporalAddress() });
    worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      ...workflowSource(),
      activities: { publishCrl: fixture.activities().publishCrl },
    });
    running = worker.run();
    clientConnection = await Connection.connect({ address: testTemporalAddress() });
    client = new Client({ connection: clientConnection });
  }, 120_000);

  afterAll(async () => {
    if (client) {
      for (const region of regions) {
        await client.schedule
          .getHandle(crlScheduleId(region, taskQueue))
          .delete()
          .catch(() => undefined);
      }
      for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
        await client.workflow
          .getHandle(execution.workflowId)
          .terminate('test finished')
          .catch(() => undefined);
      }
    }
    if (worker) {
      worker.shutdown();
      await running;
    }
    await workerConnection?.close();
    await clientConnection?.close();
    await fixture?.close();
  });

  it('creates one schedule per region, idempotently, and brings a differing one back to the wanted definition', async () => {
    expect(await ensureCrlSchedules(client, regions, taskQueue)).toEqual({ IDF: 'created', ARA: 'created' });
    expect(await ensureCrlSchedules(client, regions, taskQueue)).toEqual({ IDF: 'unchanged', ARA: 'unchanged' });
    // Several workers starting at once.
    const together = await Promise.all([1, 2, 3].map(() => ensureCrlSchedules(client, regions, taskQueue)));
    expect(together.flatMap((outcome) => Object.values(outcome))).toEqual(Array(6).fill('unchanged'));

    for (const region of regions) {
      const description = await client.schedule.getHandle(crlScheduleId(region, taskQueue)).describe();
      expect(description.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: CRL_PUBLISHER_WORKFLOW_TYPE,
        workflowId: `${crlPublisherWorkflowId(region, taskQueue)}${SCHEDULED_CRL_WORKFLOW_SUFFIX}`,
        taskQueue,
        args: [{ region }],
      });
      expect(description.spec.intervals?.map((interval) => interval.every)).toEqual([3_600_000]);
      expect(description.policies.overlap).toBe('SKIP');
    }

    expect(await ensureCrlSchedules(client, ['IDF'], taskQueue, '2 hours')).toEqual({ IDF: 'updated' });
    expect((await client.schedule.getHandle(crlScheduleId("IDF", taskQueue)).describe()).spec.intervals?.map((interval) => interval.every)).toEqual([7_200_000]);
    expect(await ensureCrlSchedules(client, regions, taskQueue)).toEqual({ IDF: 'updated', ARA: 'unchanged' });

    // One schedule per region, whatever the number of calls (the list is eventually consistent).
    await eventually(async () => {
      const ids: string[] = [];
      for await (const schedule of client.schedule.list()) ids.push(schedule.scheduleId);
      const ours = ids.filter((id) => regions.some((region) => id === crlScheduleId(region, taskQueue)));
      return ours.length === regions.length ? ours : undefined;
    }, 'both schedules listed');
  });

  it('publishes a CRL when the schedule is triggered', async () => {
    const revoked = await insertCertificate(fixture.dataSource, { region: 'ARA', revokedAt: new Date(), reason: 'affiliationChanged' });
    await client.schedule.getHandle(crlScheduleId('ARA', taskQueue)).trigger();
    const published = await eventually(async () => {
      const rows = (await fixture.dataSource.query("SELECT crl_number::text AS n, entry_count FROM crls WHERE region = 'ARA'")) as {
        n: string;
        entry_count: number;
      }[];
      return rows.length > 0 ? rows : undefined;
    }, 'a CRL published for ARA');
    expect(published[0]).toMatchObject({ n: '1', entry_count: 1 });
    const file = await eventually(() => readPublished(fixture.publicationDir, 'ARA'), 'the ARA CRL file');
    expect(readCrl(file)).toMatchObject({ crlNumber: 1n, entryCount: 1 });
    expect(findRevokedEntry(file, revoked.serial)).toMatchObject({ reasonCode: 3 });

    const { recentActions } = (await client.schedule.getHandle(crlScheduleId('ARA', taskQueue)).describe()).info;
    expect(recentActions.at(-1)?.action.workflow.workflowId).toMatch(new RegExp(`^${crlPublisherWorkflowId('ARA', taskQueue)}${SCHEDULED_CRL_WORKFLOW_SUFFIX}`));
  });

  it('deletes cleanly (the test leaves no schedule behind)', async () => {
    for (const region of regions) await client.schedule.getHandle(crlScheduleId(region, taskQueue)).delete();
    await expect(client.schedule.getHandle(crlScheduleId("IDF", taskQueue)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});

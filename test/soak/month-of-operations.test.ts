import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRevokedEntry, readCrl, toPem } from '#libs/ca-core';
import { BULK_REVOCATION_WORKFLOW_TYPE, CRL_PUBLISHER_WORKFLOW_TYPE, approveBulkRevocationUpdate, bulkRevocationWorkflowId, crlPublisherWorkflowId, type SubscriptionStatus } from '#libs/contract';
import { REGION_CODES, type RegionCode, type StaffActor } from '#libs/domain';
import { CertificateRecord } from '#libs/persistence';
import { encryptingDataConverter } from '#libs/temporal';
import { publishMissingCrls } from '../../apps/worker/src/crl-schedules.js';
import { ACTIVITY_POLICIES } from '../../workflows/activity-policies.js';
import { openssl } from '../ca-core/support/openssl.js';
import { LifecycleDriver, agentOf, holderRegistration, operator, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import type { HourlyCrlScheduleResult, ScheduleActivities } from './fixtures/hourly-crl-schedule.workflow.js';

const { EventType } = proto.temporal.api.enums.v1;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hourly-crl-schedule.workflow.ts');
const MONTH_DAYS = 30;
const HOURS = MONTH_DAYS * 24;
const caOfficer: StaffActor = { kind: 'staff', id: 'ca-officer-1', role: 'ca-officer' };
const csoec = (id: string): StaffActor => ({ kind: 'staff', id, role: 'csoec-officer' });

/**
 * What a Schedule does each hour, for the stand-in workflow: one run of crlPublisherWorkflow per
 * region, started with its own id, awaited (overlap SKIP). A plain client, not the time-skipping
 * one, whose result() would let the server skip time while the publications run.
 */
function scheduleActivities(plainClient: Client): ScheduleActivities {
  return {
    async startScheduledRuns({ regions, taskQueue, hour }) {
      const runs = await Promise.allSettled(
        regions.map((region) =>
          plainClient.workflow.execute(CRL_PUBLISHER_WORKFLOW_TYPE, { workflowId: `crl-publisher-${region}@${taskQueue}-scheduled-h${hour}`, taskQueue, args: [{ region }] }),
        ),
      );
      return { failures: runs.filter((run) => run.status === 'rejected').length };
    },
  };
}

interface Holder {
  name: string;
  id: string;
  registration: ReturnType<typeof holderRegistration>;
}

/**
 * A month of the CA's life in about ten minutes, on Temporal's time-skipping test server with the
 * real activities (PostgreSQL, CA keys, SoftHSM tokens, SMTP): hourly CRL publications for every
 * region, as the Schedules publish them, while holders are reminded, renew, are revoked by
 * themselves, by staff and by a CSOEC decision, report changes, register, abandon and expire. At
 * the end the duties are checked, not the steps: every region's CRL is current, numbered without a
 * gap, and lists exactly the revoked serials; no workflow is stuck or retrying; no activity went
 * past its bound. A bug that shows on the tenth CRL or the thirtieth day fails here.
 */
describe('a month of operations under time skipping (real activities)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let client: Client;
  let scheduleWorker: Worker;
  let scheduleRunning: Promise<void>;
  const holders = new Map<string, Holder>();
  const expectedRevoked = new Map<RegionCode, Set<string>>(REGION_CODES.map((region) => [region, new Set<string>()]));
  const workflowIds = new Set<string>();

  const now = async () => system.timeSkipping!.currentTimeMs();

  async function active(name: string, region: RegionCode, options: { renewing?: Holder } = {}): Promise<Holder> {
    const registration = options.renewing?.registration ?? holderRegistration({ region, givenName: name });
    let id: string;
    if (options.renewing) {
      ({ nextSubscriptionId: id } = await driver.requestRenewal(options.renewing.id, registration.registrationNumber));
      await driver.toDelivery(registration, system.smtp, id);
    } else {
      id = await driver.toDelivery(registration, system.smtp);
    }
    await driver.handOver(id, agentOf(registration.region));
    const holder = { name, id, registration };
    holders.set(name, holder);
    workflowIds.add(driver.handle(id).workflowId);
    return holder;
  }
  async function serialsOf(holder: Holder, profile?: 'signature' | 'authentication'): Promise<string[]> {
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: holder.id, ...(profile ? { profile } : {}) });
    return rows.map((row) => row.serial);
  }
  async function expectRevoked(holder: Holder, profile?: 'signature' | 'authentication') {
    for (const serial of await serialsOf(holder, profile)) expectedRevoked.get(holder.registration.region)!.add(serial);
  }
  async function registerOnly(name: string, region: RegionCode, confirm: boolean): Promise<Holder> {
    const registration = holderRegistration({ region, givenName: name });
    const id = await driver.start(registration);
    workflowIds.add(driver.handle(id).workflowId);
    if (confirm) {
      const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
      await driver.confirmEmail(id, tokenFromMail(mail.text));
    }
    const holder = { name, id, registration };
    holders.set(name, holder);
    return holder;
  }
  const finalState = async (name: string) => (await driver.status(holders.get(name)!.id)).state;

  beforeAll(async () => {
    system = await startTestSystem({ timeSkipping: true });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    client = system.temporal;
    scheduleWorker = await Worker.create({
      connection: system.timeSkipping!.nativeConnection,
      taskQueue: `${system.taskQueue}-schedule`,
      workflowsPath: FIXTURES,
      activities: scheduleActivities(new Client({ connection: system.timeSkipping!.connection, dataConverter: encryptingDataConverter(system.env.TEMPORAL_PAYLOAD_KEY!) })),
      dataConverter: encryptingDataConverter(system.env.TEMPORAL_PAYLOAD_KEY!),
      bundlerOptions: { webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } } }) },
    });
    scheduleRunning = scheduleWorker.run();
  }, 300_000);

  afterAll(async () => {
    if (scheduleWorker) {
      scheduleWorker.shutdown();
      await scheduleRunning.catch(() => undefined);
    }
    await system?.stop();
  });

  it(`publishes every region's CRL hourly for ${MONTH_DAYS} days while holders renew, are revoked, change, register, abandon and expire`, async () => {
    const started = Date.now();
    // ---- Two cohorts of active holders, fifteen days apart, two years before the month ends.
    const cohortA: RegionCode[] = ['BRE', 'IDF', 'ARA', 'NOR', 'NAQ', 'PDL', 'GES', 'HDF'];
    const cohortB: RegionCode[] = ['CVL', 'BFC', 'IDF', 'MAR', 'MON', 'TOU', 'GLP', 'BRE'];
    for (const [i, region] of cohortA.entries()) await active(`A${i}`, region);
    await system.timeSkipping!.sleep('15 days');
    for (const [i, region] of cohortB.entries()) await active(`B${i}`, region);
    // The month: days 710 to 740 after cohort A was issued (its certificates expire on day 20, B's on day 35).
    await system.timeSkipping!.sleep('695 days');
    const setupS = Math.round((Date.now() - started) / 1000);

    // ---- The CRL publication of a fresh installation, then the hourly Schedules.
    await publishMissingCrls(client, system.dataSource, REGION_CODES, system.taskQueue);
    const schedule = await client.workflow.start('hourlyCrlScheduleWorkflow', {
      workflowId: `hourly-crl-schedule-${system.taskQueue}`,
      taskQueue: `${system.taskQueue}-schedule`,
      args: [{ regions: [...REGION_CODES], taskQueue: system.taskQueue, hours: HOURS }],
    });

    // ---- What happens, day by day (each day's actions run at its start, in workflow time).
    const plan: Record<number, () => Promise<void>> = {
      1: async () => void (await active('N0', 'REU')),
      2: async () => {
        for (const name of ['A0', 'A1', 'A2']) {
          const old = holders.get(name)!;
          await expectRevoked(old); // superseded once the new pair is handed over
          await active(`${name}-renewed`, old.registration.region, { renewing: old });
        }
      },
      3: async () => void (await registerOnly('N1', 'HDF', false)),
      6: async () => {
        const a3 = holders.get('A3')!;
        await driver.revoke(a3.id, { ground: 'key-compromise', requester: { kind: 'holder', registrationNumber: a3.registration.registrationNumber } });
        await expectRevoked(a3);
      },
      9: async () => {
        const [b0, b1] = [holders.get('B0')!, holders.get('B1')!];
        await driver.revoke(b0.id, { ground: 'key-compromise', requester: caOfficer });
        await expectRevoked(b0);
        await driver.revoke(b1.id, { ground: 'activation-code-compromised', certificates: ['authentication'], requester: { kind: 'holder', registrationNumber: b1.registration.registrationNumber } });
        await expectRevoked(b1, 'authentication');
      },
      11: async () => void (await active('N2', 'MTQ')),
      14: async () => void (await registerOnly('N3', 'NOR', true)),
      15: async () => {
        const n3 = holders.get('N3')!;
        await driver.revoke(n3.id, { ground: 'holder-request', requester: { kind: 'holder', registrationNumber: n3.registration.registrationNumber } });
      },
      16: async () => {
        const [b2, b3] = [holders.get('B2')!, holders.get('B3')!];
        const bulkRevocationId = randomUUID();
        const bulk = await client.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
          workflowId: bulkRevocationWorkflowId(bulkRevocationId),
          taskQueue: system.taskQueue,
          args: [{ bulkRevocationId, registrationNumbers: [b2, b3].map((h) => h.registration.registrationNumber), ground: 'authority-decision', decisionReference: 'CSOEC-2028-11', orderedBy: csoec('csoec-1') }],
        });
        workflowIds.add(bulk.workflowId);
        await bulk.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: csoec('csoec-2') }] });
        expect((await bulk.result()).counts).toMatchObject({ revoked: 2, failed: 0 });
        await expectRevoked(b2);
        await expectRevoked(b3);
      },
      23: async () => {
        const b1 = holders.get('B1')!;
        await driver.reportChange(b1.id, b1.registration.registrationNumber, { surname: 'Durand-Lefèvre' });
        await expectRevoked(b1, 'signature');
      },
      25: async () => {
        const n2 = holders.get('N2')!;
        await driver.revoke(n2.id, { ground: 'activation-code-lost', requester: operator });
        await expectRevoked(n2);
      },
    };
    const scheduledSoFar = async () =>
      Number(((await system.dataSource.query("SELECT count(*)::int AS n FROM crls")) as { n: number }[])[0].n);
    for (let day = 0; day < MONTH_DAYS; day++) {
      await plan[day]?.();
      await system.timeSkipping!.sleep('1 day');
      // Fail on the day it stops, not after a month of nothing: each day brings 24 publications per region.
      expect([`day ${day}`, (await scheduledSoFar()) >= REGION_CODES.length * (1 + 23 * (day + 1))]).toEqual([`day ${day}`, true]);
    }
    const giveUp = new AbortController();
    const scheduled: HourlyCrlScheduleResult = await Promise.race([
      schedule.result(),
      sleep(300_000, undefined, { signal: giveUp.signal }).then(() => {
        throw new Error('the hourly schedule did not finish within 5 minutes of the month');
      }),
    ]).finally(() => giveUp.abort());
    const monthEnd = await now();
    const elapsedS = Math.round((Date.now() - started) / 1000);

    // ---- The holders ended where the contract says.
    const states = Object.fromEntries(await Promise.all([...holders.keys()].sort().map(async (name) => [name, await finalState(name)])));
    expect(states).toEqual({
      A0: 'RENEWED', A1: 'RENEWED', A2: 'RENEWED', A3: 'REVOKED', A4: 'EXPIRED', A5: 'EXPIRED', A6: 'EXPIRED', A7: 'EXPIRED',
      'A0-renewed': 'ACTIVE', 'A1-renewed': 'ACTIVE', 'A2-renewed': 'ACTIVE',
      B0: 'REVOKED', B1: 'REVOKED', B2: 'REVOKED', B3: 'REVOKED', B4: 'ACTIVE', B5: 'ACTIVE', B6: 'ACTIVE', B7: 'ACTIVE',
      N0: 'ACTIVE', N1: 'ABANDONED', N2: 'REVOKED', N3: 'CANCELLED',
    });
    const reminders = (days: number) => system.smtp.messages.filter((m) => new RegExp(`expirent dans ${days} jours`).test(m.subject)).map((m) => m.headers['x-signexpert-reference']);
    for (const name of ['A4', 'A5', 'A6', 'A7', 'B4', 'B5', 'B6', 'B7']) expect(reminders(7)).toContain(holders.get(name)!.id);
    for (const name of ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7']) expect(reminders(30)).toContain(holders.get(name)!.id);

    // ---- Every region: ≥ 720 hourly CRLs, numbered 1..n without a gap, dates in order, the last one current.
    expect(scheduled).toEqual({ done: HOURS, failures: 0 });
    const published: Record<string, number> = {};
    for (const region of REGION_CODES) {
      const rows = (await system.dataSource.query(
        'SELECT crl_number::text AS n, this_update, next_update, der FROM crls WHERE region = $1 ORDER BY crl_number',
        [region],
      )) as { n: string; this_update: Date; next_update: Date; der: Buffer }[];
      published[region] = rows.length;
      expect([region, rows.length >= HOURS]).toEqual([region, true]);
      expect(rows.map((row) => row.n)).toEqual(rows.map((_, i) => String(i + 1)));
      for (let i = 1; i < rows.length; i++) expect(rows[i].this_update.getTime()).toBeGreaterThanOrEqual(rows[i - 1].this_update.getTime());
      const last = rows.at(-1)!;
      expect([region, last.next_update.getTime() > monthEnd]).toEqual([region, true]);
      expect([region, monthEnd - last.this_update.getTime() <= 2 * 3_600_000]).toEqual([region, true]);
      // Lists exactly the revoked serials of the region: as many entries, each of them present.
      const expected = expectedRevoked.get(region)!;
      const summary = readCrl(last.der);
      expect([region, summary.crlNumber, summary.entryCount]).toEqual([region, BigInt(rows.length), expected.size]);
      for (const serial of expected) expect([region, serial, findRevokedEntry(last.der, serial) !== undefined]).toEqual([region, serial, true]);
    }
    // The same, read by OpenSSL for a region with several revocations of different reasons.
    const [bre] = (await system.dataSource.query("SELECT der FROM crls WHERE region = 'BRE' ORDER BY crl_number DESC LIMIT 1")) as { der: Buffer }[];
    await writeFile(join(system.varDir, 'bre.crl'), bre.der);
    await writeFile(join(system.varDir, 'bre-ca.pem'), toPem(system.runtime.ca.hierarchy.issuing.get('BRE')!.ca.certificate.der, 'CERTIFICATE'));
    const text = await openssl(['crl', '-inform', 'DER', '-in', 'bre.crl', '-CAfile', 'bre-ca.pem', '-noout', '-text'], system.varDir);
    expect(text.output).toContain('verify OK');
    const listed = [...text.stdout.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1].replace(/^(00)+/, '').toLowerCase()).sort();
    expect(listed).toEqual([...expectedRevoked.get('BRE')!].map((s) => s.replace(/^(00)+/, '').toLowerCase()).sort());

    // ---- No workflow stuck or retrying, no activity past its bound, no incident.
    const sampled = [
      ...workflowIds,
      ...REGION_CODES.map((region) => crlPublisherWorkflowId(region, system.taskQueue)),
      ...REGION_CODES.flatMap((region) => [1, HOURS / 2, HOURS].map((hour) => `crl-publisher-${region}@${system.taskQueue}-scheduled-h${hour}`)),
      schedule.workflowId,
    ];
    let activitiesChecked = 0;
    let highestAttempt = 0;
    for (const workflowId of sampled) {
      const handle = client.workflow.getHandle(workflowId);
      const { raw } = await handle.describe();
      const retrying = (raw.pendingActivities ?? []).filter((activity) => (activity.attempt ?? 1) > 1);
      expect([workflowId, retrying.map((a) => `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message}`)]).toEqual([workflowId, []]);
      const history = await handle.fetchHistory();
      const scheduledEvents = new Map<number, { name: string; maximumAttempts: number }>();
      for (const event of history.events ?? []) {
        expect([workflowId, event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED]).toEqual([workflowId, false]);
        const scheduledAttributes = event.activityTaskScheduledEventAttributes;
        if (scheduledAttributes) {
          const name = scheduledAttributes.activityType!.name! as keyof typeof ACTIVITY_POLICIES;
          if (workflowId === schedule.workflowId) continue; // the Schedule stand-in's own test activity
          const maximumAttempts = scheduledAttributes.retryPolicy?.maximumAttempts ?? 0;
          // The rule of DESIGN.md, read from what the server was asked to schedule.
          expect([name, maximumAttempts]).toEqual([name, ACTIVITY_POLICIES[name].retry.maximumAttempts]);
          scheduledEvents.set(Number(event.eventId), { name, maximumAttempts });
          activitiesChecked++;
        }
        const startedAttributes = event.activityTaskStartedEventAttributes;
        if (startedAttributes) {
          const scheduledEvent = scheduledEvents.get(Number(startedAttributes.scheduledEventId));
          if (!scheduledEvent) continue; // the stand-in's own activity, skipped above
          highestAttempt = Math.max(highestAttempt, startedAttributes.attempt ?? 1);
          expect((startedAttributes.attempt ?? 1) <= scheduledEvent.maximumAttempts).toBe(true);
        }
      }
    }
    expect(activitiesChecked).toBeGreaterThan(500);
    expect(await system.dataSource.query('SELECT step, error_message FROM incidents')).toEqual([]);

    const revoked = [...expectedRevoked.values()].reduce((n, set) => n + set.size, 0);
    console.log(
      `month of operations: ${MONTH_DAYS} days in ${elapsedS} s (${setupS} s to issue the two cohorts and reach the month); CRLs per region ${JSON.stringify(published)}; ` +
        `${revoked} certificates revoked and listed; ${holders.size} cycles; ${sampled.length} workflows and ${activitiesChecked} scheduled activities checked, highest attempt ${highestAttempt}`,
    );
  }, 3_600_000);
});

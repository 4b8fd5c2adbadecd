import { afterEach, describe, expect, it } from '@jest/globals';
import proto from '@temporalio/proto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BULK_REVOCATION_WORKFLOW_TYPE, approveBulkRevocationUpdate, bulkRevocationWorkflowId, crlPublisherWorkflowId, resolveIncidentUpdate } from '#libs/contract';
import { projectRoot } from '#libs/dev-stack';
import { LifecycleDriver, agentOf, holderRegistration, operator } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { REPLAY_PAYLOAD_KEY } from './replay-key.js';

/**
 * Records the histories that replay.test.ts replays. Run it when a workflow changes on purpose
 * (behind `patched()`), to add histories of the new code next to the old ones:
 *   RECORD_HISTORIES=1 npm run test:integration -- test/replay/record-histories
 * Otherwise skipped: recording is a maintenance step, not a check.
 */
const recording = process.env.RECORD_HISTORIES === '1' ? describe : describe.skip;
const HISTORIES = join(projectRoot(), 'test', 'replay', 'histories');

recording('record workflow histories for replay', () => {
  let system: TestSystem | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  async function save(name: string, workflowId: string) {
    const history = await system!.temporal.workflow.getHandle(workflowId).fetchHistory();
    await mkdir(HISTORIES, { recursive: true });
    // Binary protobuf, exactly as the server sent it (the JSON helpers of the SDK do not load under jest's ESM mode).
    await writeFile(join(HISTORIES, `${name}.history.pb`), proto.temporal.api.history.v1.History.encode(history).finish());
  }

  it('a cycle revoked for key compromise, and the CRL publication it caused (dev server)', async () => {
    system = await startTestSystem({ payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    await driver.reportChange(id, registration.registrationNumber, { firm: registration.firm });
    await driver.revoke(id, { ground: 'key-compromise', requester: operator, certificates: ['authentication'] });
    await driver.revoke(id, { ground: 'key-compromise', requester: operator });
    await driver.handle(id).result();
    await save('subscription-revoked', driver.handle(id).workflowId);
    await system.temporal.workflow.getHandle(crlPublisherWorkflowId('BRE', system.taskQueue)).result();
    await save('crl-publisher', crlPublisherWorkflowId('BRE', system.taskQueue));
  });

  it('a cycle held by an incident, revoked at once while held, then corrected (dev server, fault injected by a CHECK constraint)', async () => {
    system = await startTestSystem({ payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    await system.dataSource.query(`ALTER TABLE subscriptions ADD CONSTRAINT fault_firm CHECK (firm IS DISTINCT FROM 'Cabinet en panne') NOT VALID`);
    await expect(driver.reportChange(id, registration.registrationNumber, { firm: 'Cabinet en panne' })).rejects.toThrow(/held at step recordTransition/);
    const held = await driver.revoke(id, { ground: 'key-compromise', requester: operator });
    const incident = held.incident!;
    await system.temporal.workflow
      .getHandle(driver.handle(id).workflowId)
      .executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.incidentId, action: 'correct', corrections: { firm: 'Cabinet Durand & Fils' }, staff: operator }] });
    expect((await driver.handle(id).result()).state).toBe('REVOKED');
    await save('subscription-incident', driver.handle(id).workflowId);
  });

  it('a cycle revoked at once by its Update, and a CRL publication that fails and is reported (dev server)', async () => {
    system = await startTestSystem({ payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    await system.dataSource.query(`ALTER TABLE crls ADD CONSTRAINT fault_crl CHECK (region <> 'BRE') NOT VALID`);
    await driver.revoke(id, { ground: 'key-compromise', requester: operator });
    await driver.handle(id).result();
    await save('subscription-revoked-at-once', driver.handle(id).workflowId);
    await expect(system.temporal.workflow.getHandle(crlPublisherWorkflowId('BRE', system.taskQueue)).result()).rejects.toThrow();
    await save('crl-publisher-failed', crlPublisherWorkflowId('BRE', system.taskQueue));
  });

  it('a registration refused: its number already has a cycle in progress (dev server)', async () => {
    system = await startTestSystem({ payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const first = await driver.start(registration);
    await driver.waitForState(first, 'AWAITING_EMAIL_PROOF');
    const refused = await driver.start({ ...registration, email: `other.${registration.email}` });
    expect((await driver.handle(refused).result()).state).toBe('CANCELLED');
    await save('subscription-registration-refused', driver.handle(refused).workflowId);
  });

  it('a bulk revocation (dev server)', async () => {
    system = await startTestSystem({ payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const bulkRevocationId = randomUUID();
    const handle = await system.temporal.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
      workflowId: bulkRevocationWorkflowId(bulkRevocationId),
      taskQueue: system.taskQueue,
      args: [{ bulkRevocationId, registrationNumbers: [registration.registrationNumber, '00000000'], ground: 'authority-decision', decisionReference: 'D-1', orderedBy: { kind: 'staff', id: 'a', role: 'csoec-officer' } }],
    });
    await handle.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: { kind: 'staff', id: 'b', role: 'csoec-officer' } }] });
    expect((await handle.result()).state).toBe('DONE');
    await save('bulk-revocation', handle.workflowId);
  });

  it('a two-year cycle renewed into the next one (time skipping)', async () => {
    system = await startTestSystem({ timeSkipping: true, payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const registration = holderRegistration();
    const first = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(first, agentOf('BRE'));
    await system.timeSkipping!.sleep('650 days');
    const { nextSubscriptionId } = await driver.requestRenewal(first, registration.registrationNumber);
    await driver.toDelivery(registration, system.smtp, nextSubscriptionId);
    await driver.handOver(nextSubscriptionId, agentOf('BRE'));
    await driver.handle(first).result();
    await save('subscription-renewed', driver.handle(first).workflowId);
    await driver.handle(nextSubscriptionId).result();
    await save('subscription-expired', driver.handle(nextSubscriptionId).workflowId);
  });

  it('an abandoned request (time skipping)', async () => {
    system = await startTestSystem({ timeSkipping: true, payloadKey: REPLAY_PAYLOAD_KEY });
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    const abandoned = await driver.start(holderRegistration());
    await driver.handle(abandoned).result();
    await save('subscription-abandoned', driver.handle(abandoned).workflowId);
  });
});

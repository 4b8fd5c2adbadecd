import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BULK_REVOCATION_WORKFLOW_TYPE,
  approveBulkRevocationUpdate,
  bulkRevocationReportQuery,
  bulkRevocationWorkflowId,
  type BulkRevocationReport,
} from '#libs/contract';
import type { StaffActor } from '#libs/domain';
import { CertificateRecord } from '#libs/persistence';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const officerA: StaffActor = { kind: 'staff', id: 'csoec-a', role: 'csoec-officer' };
const officerB: StaffActor = { kind: 'staff', id: 'csoec-b', role: 'csoec-officer' };

/** A CSOEC decision revoking several holders: nothing happens before a second officer approves. */
describe('bulk revocation ordered by CSOEC (real Temporal, PostgreSQL)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('waits for a second, different officer, then revokes each listed holder and reports revoked / unknown / already revoked', async () => {
    const holders = [holderRegistration(), holderRegistration(), holderRegistration()];
    const ids: string[] = [];
    for (const registration of holders) {
      const id = await driver.toDelivery(registration, system.smtp);
      await driver.handOver(id, agentOf('BRE'));
      ids.push(id);
    }
    await driver.revoke(ids[2], { ground: 'key-compromise', requester: officerA }); // already revoked before the decision
    const unknownNumber = '99999999';

    const bulkRevocationId = randomUUID();
    const handle = await system.temporal.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
      workflowId: bulkRevocationWorkflowId(bulkRevocationId),
      taskQueue: system.taskQueue,
      args: [
        {
          bulkRevocationId,
          registrationNumbers: [...holders.map((h) => h.registrationNumber), unknownNumber],
          ground: 'authority-decision',
          decisionReference: 'CSOEC-2026-042',
          orderedBy: officerA,
        },
      ],
    });
    await sleep(500);
    expect((await handle.query(bulkRevocationReportQuery)).state).toBe('AWAITING_APPROVAL');
    expect((await driver.status(ids[0])).state).toBe('ACTIVE'); // nothing revoked yet

    await expect(handle.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: officerA }] })).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(
      handle.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: { ...officerB, role: 'ecma-operator' } }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const approved = await handle.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: officerB }] });
    expect(approved.approvedBy).toContain('csoec-b');

    const report: BulkRevocationReport = await handle.result();
    expect(report.state).toBe('DONE');
    expect(report.counts).toEqual({ pending: 0, revoked: 2, unknown: 1, 'already-revoked': 1, failed: 0 });
    expect(report.items.find((i) => i.registrationNumber === unknownNumber)?.outcome).toBe('unknown');
    for (const id of ids.slice(0, 2)) {
      expect((await driver.status(id)).state).toBe('REVOKED');
      const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
      expect(rows.map((r) => r.revocationReason)).toEqual(['privilegeWithdrawn', 'privilegeWithdrawn']);
    }
  });

  it('reports a holder whose workflow refuses the revocation as failed, with the reason, not as already revoked', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const bulkRevocationId = randomUUID();
    const handle = await system.temporal.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
      workflowId: bulkRevocationWorkflowId(bulkRevocationId),
      taskQueue: system.taskQueue,
      // A ground the system alone sets (renewal): a person's order for it is refused by the cycle.
      args: [{ bulkRevocationId, registrationNumbers: [registration.registrationNumber], ground: 'superseded', decisionReference: 'CSOEC-2026-043', orderedBy: officerA }],
    });
    await handle.executeUpdate(approveBulkRevocationUpdate, { args: [{ officer: officerB }] });
    const report: BulkRevocationReport = await handle.result();
    expect(report.counts).toMatchObject({ failed: 1, 'already-revoked': 0, revoked: 0 });
    expect(report.items[0]).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('ground superseded is set by the system only') });
    expect((await driver.status(id)).state).toBe('ACTIVE');
  });

  it('revokes certificates whose content became inaccurate when the holder reports a change of name, and offers a new cycle', async () => {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    const unchanged = await driver.reportChange(id, registration.registrationNumber, { surname: registration.surname });
    expect(unchanged.state).toBe('ACTIVE');
    const changed = await driver.reportChange(id, registration.registrationNumber, { surname: 'Martin-Durand' });
    expect(changed.state).toBe('REVOKED');
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    expect(rows.every((r) => r.revocationReason === 'affiliationChanged')).toBe(true);
    await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /nouveaux certificats/i.test(m.subject), 10_000);
  });

  it('amends the request, without revoking anything, when the change comes before issuance', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const amended = await driver.reportChange(id, registration.registrationNumber, { firm: 'Nouveau Cabinet' });
    expect(amended.state).toBe('AWAITING_EMAIL_PROOF');
    expect(amended.timeline.at(-1)?.note).toBe('changes reported: firm');
  });
});

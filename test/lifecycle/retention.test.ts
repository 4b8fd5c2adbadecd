import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { RETENTION_WORKFLOW_TYPE, reviewUpdate, type RetentionReport } from '#libs/contract';
import { CertificateRecord, IdDocumentRecord, SubscriptionRecord } from '#libs/persistence';
import { encryptingDataConverter } from '#libs/temporal';
import { ERASED } from '../../activities/retention.activities.js';
import { LifecycleDriver, agentOf, holderRegistration, operator, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Contract §7.1, §14: the personal data of finished subscriptions is erased once the policy's
 * period is over, not before; the audit log keeps the fact, not the data. On Temporal's
 * time-skipping server (months pass in milliseconds), with the real activities and PostgreSQL.
 * The time-skipping server has no Schedules: the test starts the workflow the Schedule starts.
 */
describe('personal-data retention (time skipping)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  let run = 0;
  const rejectedHolder = holderRegistration({ givenName: 'Hélène', surname: 'Rejetée', firm: 'Cabinet Rejet' });
  const issuedHolder = holderRegistration({ givenName: 'Irène', surname: 'Émise', firm: 'Cabinet Émis' });
  let rejected: string;
  let issued: string;
  let notAfter: number;
  let start: number;

  /**
   * A client that does not skip time while it waits: the environment's own client would jump to
   * the next timer of any workflow (years ahead), and this test wants the clock where it puts it.
   */
  let client: Client;
  const retention = () =>
    client.workflow.execute(RETENTION_WORKFLOW_TYPE, {
      workflowId: `retention-test-${++run}-${randomUUID()}`,
      taskQueue: system.taskQueue,
      args: [{ unsuccessfulDays: 90, issuedYears: 7 }],
    }) as Promise<RetentionReport>;
  const row = (id: string) => system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id });
  const documents = (id: string) => system.dataSource.getRepository(IdDocumentRecord).countBy({ subscriptionId: id });
  /** Moves the server's clock to `start + ms` (workflow time is the server's). */
  const advanceTo = async (ms: number) => {
    const { time } = await system.timeSkipping!.connection.testService!.getCurrentTime({});
    const now = Number(time!.seconds) * 1000 + Math.floor((time!.nanos ?? 0) / 1e6);
    if (start + ms > now) await system.timeSkipping!.sleep(start + ms - now);
  };

  beforeAll(async () => {
    system = await startTestSystem({ timeSkipping: true });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    client = new Client({ connection: system.timeSkipping!.connection, dataConverter: encryptingDataConverter(system.env.TEMPORAL_PAYLOAD_KEY!) });

    // A request rejected at review, with its ID-document copy (as the API stores it before the Update).
    rejected = await driver.start(rejectedHolder);
    const proof = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === rejected && /Confirmez/.test(m.subject), 20_000);
    await driver.confirmEmail(rejected, tokenFromMail(proof.text));
    await storeDocument(rejected);
    await driver.submitDocuments(rejected);
    await driver.handle(rejected).executeUpdate(reviewUpdate, { args: [{ decision: 'reject', reason: 'Hélène Rejetée n’est pas inscrite au tableau.', reviewer: operator }] });
    await driver.waitForState(rejected, 'REJECTED');

    // A holder whose certificates were issued, then revoked.
    issued = await driver.start(issuedHolder);
    const issuedProof = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === issued && /Confirmez/.test(m.subject), 20_000);
    await driver.confirmEmail(issued, tokenFromMail(issuedProof.text));
    await storeDocument(issued);
    await driver.submitDocuments(issued);
    await driver.pay(issued);
    await driver.approve(issued);
    await driver.waitForState(issued, 'AWAITING_DELIVERY');
    await driver.handOver(issued, agentOf('BRE'));
    await driver.revoke(issued, { ground: 'holder-request', requester: { kind: 'holder', registrationNumber: issuedHolder.registrationNumber } });
    await driver.waitForState(issued, 'REVOKED');
    notAfter = (await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: issued }))[0].notAfter.getTime();
    start = (await row(issued)).stateChangedAt.getTime();
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function storeDocument(subscriptionId: string) {
    await system.dataSource.getRepository(IdDocumentRecord).insert({
      id: randomUUID(),
      subscriptionId,
      mediaType: 'application/pdf',
      sizeBytes: 16,
      sha256: '0'.repeat(64),
      sealed: randomBytes(44),
      uploadedAt: new Date(),
    });
  }

  it('erases nothing before the periods are over', async () => {
    expect(await retention()).toEqual({ unsuccessful: 0, issued: 0 });
    await advanceTo(89 * DAY_MS);
    expect(await retention()).toEqual({ unsuccessful: 0, issued: 0 });
    expect(await row(rejected)).toMatchObject({ givenName: 'Hélène', surname: 'Rejetée', email: rejectedHolder.email });
    expect(await documents(rejected)).toBe(1);
  });

  it('erases an unsuccessful request after RETENTION_UNSUCCESSFUL_DAYS, keeping the fact in the audit log', async () => {
    await advanceTo(91 * DAY_MS);
    expect(await retention()).toEqual({ unsuccessful: 1, issued: 0 });
    const erased = await row(rejected);
    expect(erased).toMatchObject({ givenName: ERASED, surname: ERASED, email: ERASED, firm: ERASED, registrationNumber: ERASED, state: 'REJECTED', region: 'BRE' });
    expect(await documents(rejected)).toBe(0);
    const notes: { note: string | null }[] = await system.dataSource.query('SELECT note FROM subscription_events WHERE subscription_id = $1', [rejected]);
    expect(notes.every((n) => n.note === null)).toBe(true);
    // The issued holder's file is still kept.
    expect(await row(issued)).toMatchObject({ givenName: 'Irène', email: issuedHolder.email });
    expect(await documents(issued)).toBe(1);

    const entries: { actor: string; details: Record<string, unknown> }[] = await system.dataSource.query(
      `SELECT actor, details FROM audit_entries WHERE action = 'retention.erase' AND subject = $1`,
      [rejected],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'system (retention)', details: { state: 'REJECTED', policy: 'unsuccessful-request', idDocumentsDeleted: 1 } });
    const logged = JSON.stringify(entries);
    for (const personal of ['Hélène', 'Rejetée', rejectedHolder.email, rejectedHolder.registrationNumber, 'Cabinet']) expect(logged).not.toContain(personal);
    // A second run finds nothing more to do.
    expect(await retention()).toEqual({ unsuccessful: 0, issued: 0 });
  });

  it('keeps an issued holder for RETENTION_ISSUED_YEARS after their certificates expired, then erases them', async () => {
    // Seven years after the revocation, but not yet seven years after notAfter: kept.
    await advanceTo(7 * 366 * DAY_MS);
    expect(await retention()).toEqual({ unsuccessful: 0, issued: 0 });
    expect(await row(issued)).toMatchObject({ givenName: 'Irène' });
    await advanceTo(notAfter - start + 7 * 366 * DAY_MS);
    expect(await retention()).toEqual({ unsuccessful: 0, issued: 1 });
    expect(await row(issued)).toMatchObject({ givenName: ERASED, email: ERASED, registrationNumber: ERASED, state: 'REVOKED' });
    expect(await documents(issued)).toBe(0);
    // The certificates' records stay: CRLs and OCSP answers go by serial.
    expect(await system.dataSource.getRepository(CertificateRecord).countBy({ subscriptionId: issued })).toBe(2);
    const entries: unknown[] = await system.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'retention.erase' AND subject = $1`, [issued]);
    expect(entries).toHaveLength(1);
  });
});

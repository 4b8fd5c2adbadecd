import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { findRevokedEntry, readCrl } from '#libs/ca-core';
import { CRL_PUBLISHER_WORKFLOW_TYPE, crlPublisherWorkflowId, publishCrlSignal } from '#libs/contract';
import { workflowSource } from '../../apps/worker/src/workflow-bundle.js';
import { testTemporalAddress } from '../support/stack-state.js';
import { type CrlFixture, createCrlFixture, eventually, insertCertificate, quietTemporalRuntime, readPublished } from './support/crl-fixture.js';

/**
 * The CRL publisher workflow through a real worker on the shared Temporal dev server, with the
 * real publishCrl activity on PostgreSQL. The workflow id carries the task queue: the server is
 * shared with other test files whose revocations signal `crl-publisher-<REGION>` on theirs.
 */
describe('CRL publisher workflow (real Temporal, real PostgreSQL)', () => {
  let fixture: CrlFixture;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `test-crl-${randomBytes(6).toString('hex')}`;
  const workflowId = `${crlPublisherWorkflowId('IDF')}-${taskQueue}`;

  const requestPublication = () =>
    client.workflow.signalWithStart(CRL_PUBLISHER_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [{ region: 'IDF' }],
      signal: publishCrlSignal,
      signalArgs: [],
    });
  const publications = async () =>
    Number(((await fixture.dataSource.query("SELECT count(*)::int AS n FROM crls WHERE region = 'IDF'")) as { n: number }[])[0].n);

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
    await client?.workflow
      .getHandle(workflowId)
      .terminate('test finished')
      .catch(() => undefined);
    if (worker) {
      worker.shutdown();
      await running;
    }
    await workerConnection?.close();
    await clientConnection?.close();
    await fixture?.close();
  });

  it('coalesces quick requests: at least one, at most N publications, the last one listing what was revoked before the last request', async () => {
    const signals = 5;
    let last = '';
    for (let i = 0; i < signals; i++) {
      if (i === signals - 1) {
        last = (await insertCertificate(fixture.dataSource, { region: 'IDF', revokedAt: new Date(), reason: 'keyCompromise' })).serial;
      }
      await requestPublication();
    }
    // The latest run (signal-with-start may have started a new one after a completed run).
    const published = await client.workflow.getHandle(workflowId).result();
    expect(published).toBeGreaterThanOrEqual(1);
    const total = await publications();
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(signals);
    const newest = await readPublished(fixture.publicationDir, 'IDF');
    expect(readCrl(newest).crlNumber).toBe(BigInt(total));
    expect(findRevokedEntry(newest, last)).toMatchObject({ reasonCode: 1 });
  });

  it('publishes a new revocation within seconds of the request (file polled)', async () => {
    const { serial } = await insertCertificate(fixture.dataSource, { region: 'IDF', revokedAt: new Date(), reason: 'privilegeWithdrawn' });
    await requestPublication();
    const crl = await eventually(async () => {
      const file = await readPublished(fixture.publicationDir, 'IDF');
      return findRevokedEntry(file, serial) ? file : undefined;
    }, `revocation of ${serial} in the published CRL`);
    expect(findRevokedEntry(crl, serial)).toMatchObject({ reasonCode: 9 });
    await client.workflow.getHandle(workflowId).result();
  });
});

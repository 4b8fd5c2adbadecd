import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '#libs/dev-stack';
import { CertificateRecord, IssuanceIntentRecord } from '#libs/persistence';
import { LifecycleDriver, holderRegistration, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const WORKER = join(projectRoot(), 'dist/apps/worker/src/main.js');

/**
 * The worker process, as deployed (dist/), killed with SIGKILL in the middle of issuance and
 * started again: the cycle ends with exactly its two certificates, under the serials decided first.
 */
describe('a worker killed during issuance (real worker processes)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await system?.stop();
  });

  function startWorker(): ChildProcess {
    const env = system.env;
    const child = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env,
        DATABASE_URL: env.DATABASE_URL,
        TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE,
        VAR_DIR: env.VAR_DIR,
        SMTP_URL: env.SMTP_URL,
        TEMPORAL_PAYLOAD_KEY: env.TEMPORAL_PAYLOAD_KEY,
        EMAIL_TOKEN_SECRET: env.EMAIL_TOKEN_SECRET,
        CA_KEY_PASSPHRASE: env.CA_KEY_PASSPHRASE,
        TOKEN_SO_PIN: env.TOKEN_SO_PIN,
        SOFTHSM2_CONF: process.env.SOFTHSM2_CONF,
        CRL_PUBLICATION_INTERVAL_MINUTES: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  async function killWhen(child: ChildProcess, moment: () => Promise<boolean>): Promise<void> {
    while (!(await moment())) await sleep(5);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }

  it.each([
    ['as soon as the issuance intent is recorded', async (id: string) => (await system.dataSource.getRepository(IssuanceIntentRecord).countBy({ subscriptionId: id })) > 0],
    ['just after the first certificate is signed', async (id: string) => (await system.dataSource.getRepository(CertificateRecord).countBy({ subscriptionId: id })) > 0],
  ])('issues exactly two certificates when killed %s', async (_, moment) => {
    const registration = holderRegistration();
    let worker = startWorker();
    const id = await driver.start(registration);
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 60_000);
    await driver.confirmEmail(id, tokenFromMail(mail.text));
    await driver.submitDocuments(id);
    await driver.pay(id);
    void driver.approve(id).catch(() => undefined); // answers once issued; the worker dies before that
    await killWhen(worker, () => moment(id));

    worker = startWorker();
    const delivered = await driver.waitForState(id, 'AWAITING_DELIVERY', 90_000);
    const intent = await system.dataSource.getRepository(IssuanceIntentRecord).findOneByOrFail({ subscriptionId: id });
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    expect(rows.map((r) => r.serial).sort()).toEqual([intent.signatureSerial, intent.authenticationSerial].sort());
    expect(delivered.certificates.map((c) => c.serial).sort()).toEqual(rows.map((r) => r.serial).sort());
    expect(intent.completedAt).not.toBeNull();
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }, 180_000);
});

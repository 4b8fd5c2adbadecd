import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { crlToPem, toPem } from '#libs/ca-core';
import { readActivationLetter } from '#libs/notifications';
import { CertificateRecord, IssuanceIntentRecord, SubscriptionRecord } from '#libs/persistence';
import { openssl } from '../ca-core/support/openssl.js';
import { LifecycleDriver, UpdateRejected, agentOf, holderRegistration, operator, tokenFromMail } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * The whole cycle on the real Temporal dev server, real PostgreSQL, the CA on software keys, the
 * holder's token on SoftHSM and mail through a real SMTP server: as ECMA, CROEC and the holder live it.
 */
describe('subscription lifecycle (real Temporal, PostgreSQL, SoftHSM, SMTP)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function activeSubscription() {
    const registration = holderRegistration();
    const id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    return { id, registration };
  }

  it('runs registration → email proof → documents → review → payment → issuance → hand-over → ACTIVE', async () => {
    // Everything this process logs while the cycle runs (the worker runs in this process).
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    const writes = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)),
    );
    try {
      await runWholeCycle(logged);
    } finally {
      for (const spy of [...spies, ...writes]) spy.mockRestore();
    }
  });

  async function runWholeCycle(logged: string[]) {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const proof = await system.smtp.waitFor((m) => m.to.includes(registration.email) && /Confirmez/.test(m.subject), 20_000);
    const token = tokenFromMail(proof.text);

    await expect(driver.confirmEmail(id, 'not-the-token')).rejects.toThrow(UpdateRejected);
    expect((await driver.confirmEmail(id, token)).state).toBe('AWAITING_DOCUMENTS');
    await expect(driver.confirmEmail(id, token)).rejects.toThrow(/cannot confirm an email address/); // single use

    const before = await driver.status(id);
    await expect(driver.approve(id)).rejects.toThrow(/cannot review the request: the subscription is AWAITING_DOCUMENTS/);
    await expect(driver.handOver(id, agentOf('BRE'))).rejects.toThrow(/cannot record a hand-over/);
    await expect(driver.revoke(id, { ground: 'authority-decision', requester: { kind: 'holder', registrationNumber: registration.registrationNumber } })).rejects.toThrow(/holder cannot revoke/);
    expect(await driver.status(id)).toEqual(before); // a refused Update changes nothing
    expect((await driver.submitDocuments(id)).state).toBe('IN_REVIEW');
    await expect(driver.approve(id, { ...operator, registrationNumber: registration.registrationNumber })).rejects.toThrow(/own request/);
    expect((await driver.approve(id)).state).toBe('AWAITING_PAYMENT');
    const paid = await driver.pay(id);
    expect(paid.paid).toBe(true);
    await expect(driver.pay(id)).rejects.toThrow(UpdateRejected); // recorded once
    const delivered = await driver.waitForState(id, 'AWAITING_DELIVERY');

    // Exactly one pair, on record, chaining to the profession root, and on the holder's token.
    const certificates = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    expect(certificates.map((c) => c.profile).sort()).toEqual(['authentication', 'signature']);
    expect(delivered.certificates.map((c) => c.serial).sort()).toEqual(certificates.map((c) => c.serial).sort());
    const dir = system.varDir;
    await writeFile(join(dir, 'root.pem'), toPem(system.runtime.ca.hierarchy.root.certificate.der, 'CERTIFICATE'));
    await writeFile(join(dir, 'bre.pem'), toPem(system.runtime.ca.hierarchy.issuing.get('BRE')!.ca.certificate.der, 'CERTIFICATE'));
    for (const certificate of certificates) {
      await writeFile(join(dir, `${certificate.serial}.pem`), toPem(certificate.der, 'CERTIFICATE'));
      const verified = await openssl(['verify', '-CAfile', 'root.pem', '-untrusted', 'bre.pem', `${certificate.serial}.pem`], dir);
      expect(verified.output).toContain(': OK');
    }

    // The activation letter is in the postal spool; its code is nowhere else (contract §7.2).
    const spool = join(dir, 'postal-spool');
    const letters = (await readdir(spool)).filter((name) => name.includes(id));
    expect(letters).toHaveLength(1);
    const { activationCode } = readActivationLetter(await readFile(join(spool, letters[0])));
    expect(activationCode).toMatch(/^\d{8}$/);
    const history = JSON.stringify(await driver.handle(id).fetchHistory());
    expect(history).not.toContain(activationCode);
    const tables: { table_name: string }[] = await system.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    for (const { table_name } of tables) {
      const rows = await system.dataSource.query(`SELECT * FROM "${table_name}"`);
      expect(JSON.stringify(rows)).not.toContain(activationCode);
    }
    expect(logged.some((line) => line.includes('sent via smtp'))).toBe(true); // the capture does see the worker's logs
    expect(logged.join('\n')).not.toContain(activationCode);
    for (const mail of system.smtp.messages) expect(mail.raw.toString()).not.toContain(activationCode);
    expect(await system.dataSource.getRepository(IssuanceIntentRecord).findOneBy({ subscriptionId: id })).toMatchObject({ completedAt: expect.any(Date) });

    // Hand-over: only an agent of the holder's region (contract §6.2).
    await expect(driver.handOver(id, agentOf('IDF'))).rejects.toThrow(/region IDF cannot hand over a token of region BRE/);
    const active = await driver.handOver(id, agentOf('BRE'));
    expect(active.state).toBe('ACTIVE');
    expect(active.pendingAction).toMatchObject({ action: 'renew', by: 'holder' });
    const row = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id });
    expect(row.state).toBe('ACTIVE');
    expect(row.certificatesNotAfter?.toISOString()).toBe(certificates[0].notAfter.toISOString());
    const states = active.timeline.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    expect(active.timeline.some((s) => s.note?.startsWith('payment recorded'))).toBe(true);
    expect(states).toEqual([
      'REGISTERED', 'AWAITING_EMAIL_PROOF', 'AWAITING_DOCUMENTS', 'IN_REVIEW', 'AWAITING_PAYMENT', 'ISSUING', 'AWAITING_DELIVERY', 'ACTIVE',
    ]);
  }

  it('revokes both certificates for key compromise, publishes a CRL listing them, and tells the holder', async () => {
    const { id, registration } = await activeSubscription();
    const revoked = await driver.revoke(id, { ground: 'key-compromise', requester: { kind: 'holder', registrationNumber: registration.registrationNumber } });
    expect(revoked.state).toBe('REVOKED');
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    expect(rows.every((r) => r.revokedAt && r.revocationReason === 'keyCompromise')).toBe(true);
    await system.smtp.waitFor((m) => m.to.includes(registration.email) && /révoqu/i.test(m.subject + m.text), 20_000);

    // The region's CRL, published by the CRL publisher workflow, lists both serials within seconds.
    const crlFile = join(system.varDir, 'pki', 'crl', 'BRE.crl');
    const deadline = Date.now() + 30_000;
    let listed = false;
    while (!listed && Date.now() < deadline) {
      if (existsSync(crlFile)) {
        await writeFile(join(system.varDir, 'bre.crl.pem'), crlToPem(await readFile(crlFile)));
        const text = (await openssl(['crl', '-in', 'bre.crl.pem', '-noout', '-text'], system.varDir)).output.toUpperCase();
        listed = rows.every((r) => text.includes(r.serial.toUpperCase()));
      }
      if (!listed) await sleep(200);
    }
    expect(listed).toBe(true);

    // A revocation is final: the cycle's workflow has completed and takes no more requests.
    await expect(driver.revoke(id, { ground: 'holder-request', requester: operator })).rejects.toThrow(/completed|has ended/);
  });

  it('cancels a request revoked before issuance, and revokes only the certificate named', async () => {
    const registration = holderRegistration();
    const id = await driver.start(registration);
    const cancelled = await driver.revoke(id, { ground: 'holder-request', requester: { kind: 'holder', registrationNumber: registration.registrationNumber } });
    expect(cancelled.state).toBe('CANCELLED');
    expect(await system.dataSource.getRepository(CertificateRecord).countBy({ subscriptionId: id })).toBe(0);

    const active = await activeSubscription();
    const partly = await driver.revoke(active.id, { ground: 'holder-request', requester: operator, certificates: ['authentication'] });
    expect(partly.state).toBe('ACTIVE');
    expect(partly.certificates.find((c) => c.profile === 'authentication')?.revoked?.reason).toBe('unspecified');
    expect(partly.certificates.find((c) => c.profile === 'signature')?.revoked).toBeUndefined();
  });

  it('revokes both certificates when the originals do not match the copies at hand-over', async () => {
    const id = await driver.toDelivery(holderRegistration(), system.smtp);
    const refused = await driver.handOver(id, agentOf('BRE'), { originalsChecked: true, documentsMatch: false });
    expect(refused.state).toBe('REVOKED');
    expect(refused.certificates.every((c) => c.revoked?.reason === 'privilegeWithdrawn')).toBe(true);
  });
});

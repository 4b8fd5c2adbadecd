import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { toPem } from '#libs/ca-core';
import { CertificateRecord } from '#libs/persistence';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** Contract §6.3, §13.2: the full signing software for holders of a valid signature certificate of ours. */
describe('POST /v1/entitlements/signing-tool (real cycle)', () => {
  let system: TestSystem;
  let driver: LifecycleDriver;
  const http = () => request(system.api.getHttpServer());
  const ask = (certificate: unknown) => http().post('/v1/entitlements/signing-tool').send({ certificate });
  let id: string;
  const registration = holderRegistration();
  let certificates: Record<'signature' | 'authentication', CertificateRecord>;

  beforeAll(async () => {
    system = await startTestSystem();
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
    id = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(id, agentOf('BRE'));
    await driver.waitForState(id, 'ACTIVE');
    const rows = await system.dataSource.getRepository(CertificateRecord).findBy({ subscriptionId: id });
    certificates = Object.fromEntries(rows.map((row) => [row.profile, row])) as typeof certificates;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('entitles the holder of a valid, unrevoked signature certificate of ours', async () => {
    const signature = certificates.signature;
    const answer = await ask(toPem(signature.der, 'CERTIFICATE')).expect(200);
    expect(answer.body).toEqual({ entitled: true, reasons: [], serial: signature.serial, profile: 'signature', notAfter: signature.notAfter.toISOString() });
  });

  it('refuses an authentication certificate, saying why (contract §8.2: one use each)', async () => {
    const answer = await ask(toPem(certificates.authentication.der, 'CERTIFICATE')).expect(200);
    expect(answer.body).toMatchObject({ entitled: false, reasons: ['not-a-signature-certificate'], profile: 'authentication', serial: certificates.authentication.serial });
  });

  it('refuses a certificate whose serial is ours but whose bytes are not', async () => {
    const forged = Buffer.from(certificates.signature.der);
    forged[forged.length - 1] ^= 0x01; // last byte of the signature value
    const answer = await ask(toPem(forged, 'CERTIFICATE')).expect(200);
    expect(answer.body).toMatchObject({ entitled: false, reasons: ['not-issued-by-signexpert'] });
  });

  it('answers 400 naming the field for garbage, a missing field and unknown fields', async () => {
    for (const body of [
      { certificate: 'not a certificate' },
      { certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      { certificate: 42 },
      {},
      { certificate: 'x'.repeat(20_000) },
    ]) {
      const refused = await http().post('/v1/entitlements/signing-tool').send(body).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('certificate');
    }
    const unknown = await http().post('/v1/entitlements/signing-tool').send({ certificate: toPem(certificates.signature.der, 'CERTIFICATE'), licence: 'x' }).expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toContain('licence');
  });

  it('refuses once the signature certificate is revoked', async () => {
    await driver.revoke(id, { ground: 'holder-request', requester: { kind: 'holder', registrationNumber: registration.registrationNumber } });
    await driver.waitForState(id, 'REVOKED');
    const answer = await ask(toPem(certificates.signature.der, 'CERTIFICATE')).expect(200);
    expect(answer.body).toMatchObject({ entitled: false, reasons: ['revoked'], profile: 'signature' });
  });
});

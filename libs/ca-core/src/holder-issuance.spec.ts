import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import * as x509 from '@peculiar/x509';
import { holderCsr, holderRegistration, specPki } from '../spec-support/fixtures.js';
import { IssuerValidityError, PreparedCertificateError, WrongIssuingCaError } from './errors.js';
import { fromPem } from './pem.js';
import { parseCertificate } from './certificate-reader.js';
import { generateSerialNumber } from './serial-numbers.js';
import { OID } from './oids.js';

const holder = holderRegistration();
const now = new Date('2030-02-01T12:00:00Z');

describe('holder certificate issuance', () => {
  it('prepares an intent that signs to the same serial and TBSCertificate on a retry', async () => {
    const { hierarchy } = await specPki();
    const { issuer } = hierarchy.issuing.get('MAR')!;
    const serial = generateSerialNumber();
    const prepared = issuer.prepare({ profile: 'signature', csr: await holderCsr(holder), holder, serial, now });
    const persisted = JSON.parse(JSON.stringify(prepared)) as typeof prepared; // what the caller stored
    const first = await issuer.sign(persisted);
    const retry = await issuer.sign(persisted);
    expect(first.serial).toBe(serial);
    expect(retry.serial).toBe(serial);
    const [a, b] = [first, retry].map((c) => parseCertificate(fromPem(c.certificatePem)));
    expect(a.tbsCertificate.equals(b.tbsCertificate)).toBe(true);
    expect(a.tbsCertificate.toString('base64')).toBe(prepared.tbsCertificate);
  });

  it('is signed by the issuing CA, as an independent parser (@peculiar/x509) verifies', async () => {
    const { hierarchy } = await specPki();
    const { issuer, ca } = hierarchy.issuing.get('MAR')!;
    const issued = await issuer.issue({ profile: 'authentication', csr: await holderCsr(holder), holder, serial: generateSerialNumber(), now });
    const certificate = new x509.X509Certificate(issued.certificatePem);
    const issuerCertificate = new x509.X509Certificate(ca.certificate.der);
    expect(await certificate.verify({ publicKey: issuerCertificate.publicKey, signatureOnly: true })).toBe(true);
    expect(certificate.issuer).toBe(issuerCertificate.subject);
    expect(certificate.getExtension(x509.KeyUsagesExtension)!.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([OID.clientAuth]);
    expect(issued.sha256Fingerprint).toBe(Buffer.from(await certificate.getThumbprint('SHA-256')).toString('hex').toUpperCase());
    expect(issued.notAfter).toBe('2032-02-01T12:00:00.000Z');
  });

  it('never extends a certificate past its issuing CA', async () => {
    const { hierarchy } = await specPki({ config: { issuingCaValidityYears: 1 } });
    const { issuer, ca } = hierarchy.issuing.get('MAR')!;
    const issued = await issuer.issue({ profile: 'signature', csr: await holderCsr(holder), holder, serial: generateSerialNumber(), now });
    expect(issued.notAfter).toBe(ca.certificate.notAfter.toISOString());
    expect(issued.notAfter).toBe('2031-01-01T00:00:00.000Z');
  });

  it('refuses a holder of another region, and issuing outside the CA validity', async () => {
    const { hierarchy } = await specPki();
    const { issuer } = hierarchy.issuing.get('MAR')!;
    const parisian = holderRegistration({ region: 'IDF' });
    await expect(
      (async () => issuer.prepare({ profile: 'signature', csr: await holderCsr(parisian), holder: parisian, serial: generateSerialNumber(), now }))(),
    ).rejects.toBeInstanceOf(WrongIssuingCaError);
    const early = new Date('2029-12-31T00:00:00Z');
    const csr = await holderCsr(holder);
    expect(() => issuer.prepare({ profile: 'signature', csr, holder, serial: generateSerialNumber(), now: early })).toThrow(
      IssuerValidityError,
    );
  });

  it('signs only TBSCertificates it prepared (serial and issuer are checked)', async () => {
    const { hierarchy } = await specPki();
    const { issuer } = hierarchy.issuing.get('MAR')!;
    const prepared = issuer.prepare({ profile: 'signature', csr: await holderCsr(holder), holder, serial: generateSerialNumber(), now });
    await expect(issuer.sign({ ...prepared, serial: generateSerialNumber() })).rejects.toBeInstanceOf(PreparedCertificateError);
    const other = await specPki();
    await expect(other.hierarchy.issuing.get('MAR')!.issuer.sign(prepared)).rejects.toBeInstanceOf(PreparedCertificateError);
  });
});

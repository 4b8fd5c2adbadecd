import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateProfileName } from '#libs/domain';
import {
  type CertificateStatus,
  type CrlEntry,
  OcspResponder,
  type IssuedCertificate,
  createHolderCertificationRequest,
  generateSerialNumber,
  signCrl,
  softwareSigningKey,
  spkiOf,
  toPem,
} from '#libs/ca-core';
import { AUTHENTICATION_CERTIFICATE_REASON, type SignatureVerificationRequest, verifySignature } from '#libs/verification';
import { openssl } from '../ca-core/support/openssl.js';
import { writeCertificate } from '../ca-core/support/files.js';
import { type PkiFixture, createPkiFixture, holderRegistration } from '../ca-core/support/pki-fixture.js';

/**
 * The verifier against signatures made by OpenSSL (the independent signer) with certificates
 * issued by our own CA; every case a relying party meets, each with the reason it must read.
 */
describe('verifySignature on OpenSSL CMS signatures', () => {
  let pki: PkiFixture;
  let otherPki: PkiFixture;
  let dir: string;
  const holder = holderRegistration({ region: 'BRE' });
  const document = Buffer.from('Liasse fiscale 2026, cabinet Martin & Associés\n');
  let root: Uint8Array;
  let bre: Uint8Array;
  let emptyCrl: Uint8Array;
  const signatures: Record<string, Buffer> = {};
  const holders: Record<string, IssuedCertificate> = {};

  /** A holder key made here (its PEM is what OpenSSL needs), certified by the BRE CA. */
  async function certifiedHolder(name: string, profile: CertificateProfileName): Promise<IssuedCertificate> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const csr = await createHolderCertificationRequest(holder, softwareSigningKey('holder', 'P-256', privateKey, spkiOf(publicKey)));
    const issued = await pki.hierarchy.issuing.get('BRE')!.issuer.issue({ profile, csr, holder, serial: generateSerialNumber(), now: new Date() });
    await writeFile(join(dir, `${name}.pem`), issued.certificatePem);
    await writeFile(join(dir, `${name}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    holders[name] = issued;
    return issued;
  }

  async function opensslSign(name: string, extra: string[] = []): Promise<Buffer> {
    const out = `${name}-${extra.length}.der`;
    const result = await openssl(
      ['cms', '-sign', '-binary', '-cades', '-md', 'sha256', '-in', 'doc.txt', '-signer', `${name}.pem`, '-inkey', `${name}.key`,
        '-outform', 'DER', '-out', out, ...extra],
      dir,
    );
    expect(result.code).toBe(0);
    return readFile(join(dir, out));
  }

  const request = (overrides: Partial<SignatureVerificationRequest>): SignatureVerificationRequest => ({
    signature: signatures.detached,
    content: document,
    trustAnchors: [root],
    intermediates: [bre],
    crls: [emptyCrl],
    ...overrides,
  });

  beforeAll(async () => {
    pki = await createPkiFixture('software', { regions: ['BRE'] });
    otherPki = await createPkiFixture('software', { regions: ['BRE'] });
    dir = pki.directory;
    root = pki.hierarchy.root.certificate.der;
    bre = pki.hierarchy.issuing.get('BRE')!.ca.certificate.der;
    await writeFile(join(dir, 'doc.txt'), document);
    await writeCertificate(dir, 'bre.pem', pki.hierarchy.issuing.get('BRE')!.ca);
    await certifiedHolder('signer', 'signature');
    await certifiedHolder('auth', 'authentication');
    await certifiedHolder('revoked', 'signature');
    signatures.detached = await opensslSign('signer');
    signatures.enveloping = await opensslSign('signer', ['-nodetach']);
    signatures.authentication = await opensslSign('auth');
    signatures.revoked = await opensslSign('revoked');
    emptyCrl = (await signCrl(pki.hierarchy.issuing.get('BRE')!.ca, { crlNumber: 1, thisUpdate: new Date(), entries: [] }, pki.config)).der;
  }, 120_000);

  afterAll(async () => {
    await pki?.close();
    await otherPki?.close();
  });

  it('says valid for a detached CAdES-BES signature, with signer, policies, signing time and CRL status', async () => {
    const report = await verifySignature(request({}));
    expect(report.reasons).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.signer).toMatchObject({ serial: holders.signer.serial, profile: 'signature', policies: [pki.config.policies.signature.oid] });
    expect(report.signer?.subject).toContain('CN=Éloïse Martin-Dupré');
    expect(report.signingTime).toBeInstanceOf(Date);
    expect(report.revocation).toEqual({ status: 'good', source: 'crl' });
    expect(report.toText()).toContain('Verdict: VALID');
  });

  it('says valid for an enveloping signature without the content given separately', async () => {
    const report = await verifySignature(request({ signature: signatures.enveloping, content: undefined }));
    expect(report.reasons).toEqual([]);
    expect(report.verdict).toBe('valid');
  });

  it('says invalid when the content was altered (message digest mismatch)', async () => {
    const report = await verifySignature(request({ content: Buffer.from(document.toString().replace('2026', '2025')) }));
    expect(report.verdict).toBe('invalid');
    expect(report.reasons).toEqual([expect.stringContaining('message digest mismatch')]);
  });

  it('says invalid, with the contract reason, for a signature made with the authentication certificate', async () => {
    const report = await verifySignature(request({ signature: signatures.authentication }));
    expect(report.verdict).toBe('invalid');
    expect(report.reasons).toEqual([AUTHENTICATION_CERTIFICATE_REASON]);
    expect(report.signer?.profile).toBe('authentication');
    expect(report.signer?.policies).toEqual([pki.config.policies.authentication.oid]);
  });

  it('says invalid for a signer revoked in the CRL given, with the date and reason', async () => {
    const revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const crl = await signCrl(
      pki.hierarchy.issuing.get('BRE')!.ca,
      { crlNumber: 2, thisUpdate: new Date(), entries: [{ serial: holders.revoked.serial, revokedAt, reason: 'keyCompromise' }] },
      pki.config,
    );
    const report = await verifySignature(request({ signature: signatures.revoked, crls: [crl.der] }));
    expect(report.verdict).toBe('invalid');
    expect(report.revocation).toEqual({ status: 'revoked', revokedAt, reason: 'keyCompromise', source: 'crl' });
    expect(report.reasons).toEqual([`the signer certificate was revoked on ${revokedAt.toISOString()} (reason: keyCompromise, source: CRL)`]);
    expect(report.toText()).toContain('Revocation (CRL): revoked');
  });

  it('says indeterminate when neither a CRL nor OCSP is given', async () => {
    const report = await verifySignature(request({ crls: [] }));
    expect(report.verdict).toBe('indeterminate');
    expect(report.reasons).toEqual(['no revocation information: neither a CRL nor an OCSP responder was given']);
  });

  it('ignores a CRL signed by another CA of the same name, and says why', async () => {
    const forged = await signCrl(otherPki.hierarchy.issuing.get('BRE')!.ca, { crlNumber: 1, thisUpdate: new Date(), entries: [] }, otherPki.config);
    const report = await verifySignature(request({ crls: [forged.der] }));
    expect(report.verdict).toBe('indeterminate');
    expect(report.reasons).toContain('a CRL of the signer’s CA has a signature that does not verify with the CA key');
  });

  it('does not take an expired CRL as proof of good standing', async () => {
    const later = new Date(Date.now() + 3 * 86_400_000);
    const report = await verifySignature(request({ now: later }));
    expect(report.verdict).toBe('indeterminate');
    expect(report.reasons).toEqual([
      expect.stringMatching(/^the CRL of the signer’s CA expired at /),
      'the revocation status of the signer certificate could not be established',
    ]);
  });

  it('says invalid when the chain leads to a root that is not trusted (same name, other key)', async () => {
    const report = await verifySignature(request({ trustAnchors: [otherPki.hierarchy.root.certificate.der] }));
    expect(report.verdict).toBe('invalid');
    expect(report.reasons).toEqual([expect.stringContaining('does not chain up to a trusted root')]);
  });

  it('finds the signer in a 100,000-entry CRL by scanning it', async () => {
    const now = Date.now();
    const entries: CrlEntry[] = Array.from({ length: 100_000 }, (_, i) => ({ serial: generateSerialNumber(), revokedAt: new Date(now - i * 1000) }));
    entries[73_421] = { serial: holders.revoked.serial, revokedAt: new Date(now - 3_600_000), reason: 'affiliationChanged' };
    const crl = await signCrl(pki.hierarchy.issuing.get('BRE')!.ca, { crlNumber: 3, thisUpdate: new Date(now), entries }, pki.config);
    const revoked = await verifySignature(request({ signature: signatures.revoked, crls: [crl.der] }));
    expect(revoked.verdict).toBe('invalid');
    expect(revoked.revocation).toMatchObject({ status: 'revoked', reason: 'affiliationChanged', source: 'crl' });
    const good = await verifySignature(request({ crls: [crl.der] }));
    expect(good.verdict).toBe('valid');
  }, 60_000);

  it('reads good and revoked from OCSP when no CRL is given (our responder, requests made by openssl)', async () => {
    const revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const responder = new OcspResponder({
      authorities: pki.hierarchy.issuing.values(),
      config: pki.config,
      clock: () => new Date(),
      lookup: async (_issuer, serial): Promise<CertificateStatus> =>
        serial === holders.revoked.serial ? { status: 'revoked', revokedAt: revokedAt.toISOString(), reason: 'keyCompromise' } : { status: 'good' },
    });
    const asked: string[] = [];
    const ocsp = async (certificate: Uint8Array, issuer: Uint8Array): Promise<Uint8Array> => {
      await writeFile(join(dir, 'ocsp-cert.pem'), toPem(certificate, 'CERTIFICATE'));
      await writeFile(join(dir, 'ocsp-issuer.pem'), toPem(issuer, 'CERTIFICATE'));
      await openssl(['ocsp', '-issuer', 'ocsp-issuer.pem', '-cert', 'ocsp-cert.pem', '-no_nonce', '-reqout', 'ocsp-request.der'], dir);
      asked.push('request');
      return responder.respond(await readFile(join(dir, 'ocsp-request.der')));
    };
    const good = await verifySignature(request({ crls: [], ocsp }));
    expect(good.reasons).toEqual([]);
    expect(good.verdict).toBe('valid');
    expect(good.revocation).toEqual({ status: 'good', source: 'ocsp' });
    const revoked = await verifySignature(request({ signature: signatures.revoked, crls: [], ocsp }));
    expect(revoked.verdict).toBe('invalid');
    expect(revoked.revocation).toEqual({ status: 'revoked', revokedAt, reason: 'keyCompromise', source: 'ocsp' });
    expect(asked).toHaveLength(2);
  });

  it('agrees with openssl cms -verify on the valid signature', async () => {
    await writeFile(join(dir, 'chain.pem'), toPem(root, 'CERTIFICATE') + toPem(bre, 'CERTIFICATE'));
    const result = await openssl(
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'signer-0.der', '-content', 'doc.txt', '-CAfile', 'chain.pem',
        '-purpose', 'any', '-out', '/dev/null'],
      dir,
    );
    expect(result.output).toContain('Verification successful');
  });
});

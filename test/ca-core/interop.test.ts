import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateProfileName } from '#libs/domain';
import {
  type CertificateStatus,
  type IssuedCertificate,
  OcspResponder,
  type RevocationRecord,
  allocateCrlNumber,
  generateSerialNumber,
  performKeyCeremony,
  revoke,
  signCrl,
} from '#libs/ca-core';
import { openssl } from './support/openssl.js';
import { writeCertificate, writeCrl, writePem } from './support/files.js';
import { type KeyStoreKind, type PkiFixture, createPkiFixture, holderCsr, holderRegistration } from './support/pki-fixture.js';

/**
 * The whole CA against the OpenSSL command line, once with CA keys on SoftHSM (PKCS#11) and once
 * with encrypted software keys. Every assertion reads OpenSSL's verdict, not our own parser.
 */
describe.each<KeyStoreKind>(['pkcs11', 'software'])('CA interop with OpenSSL, keys in %s', (kind) => {
  let pki: PkiFixture;
  let dir: string;
  const holder = holderRegistration();
  const issued: Record<'good' | 'revoked' | CertificateProfileName, IssuedCertificate> = {} as never;
  let revocation: RevocationRecord;

  beforeAll(async () => {
    pki = await createPkiFixture(kind);
    dir = pki.directory;
    const idf = pki.hierarchy.issuing.get('IDF')!;
    const now = new Date();
    for (const profile of ['signature', 'authentication'] as const) {
      issued[profile] = await idf.issuer.issue({ profile, csr: await holderCsr(holder), holder, serial: generateSerialNumber(), now });
    }
    issued.good = issued.authentication;
    issued.revoked = await idf.issuer.issue({
      profile: 'signature',
      csr: await holderCsr(holder, 'RSA-2048'),
      holder,
      serial: generateSerialNumber(),
      now,
    });
    revocation = revoke({
      issuer: 'IDF',
      serial: issued.revoked.serial,
      reason: 'keyCompromise',
      invalidityDate: new Date(now.getTime() - 86_400_000),
      now,
    });
    await writeCertificate(dir, 'root.pem', pki.hierarchy.root);
    await writeCertificate(dir, 'idf.pem', idf.ca);
    for (const [name, certificate] of Object.entries(issued)) await writePem(dir, `${name}.pem`, certificate.certificatePem);
    // CRLs of the root (no entries) and of IDF (one entry), numbers from the persisted counter.
    const rootCrl = await signCrl(
      pki.hierarchy.root,
      { crlNumber: await allocateCrlNumber(pki.storage, 'root'), thisUpdate: now, entries: [] },
      pki.config,
    );
    await writeCrl(dir, 'root.crl.pem', rootCrl.der);
    await allocateCrlNumber(pki.storage, 'IDF'); // a first CRL was published earlier
    const idfCrl = await signCrl(
      idf.ca,
      { crlNumber: await allocateCrlNumber(pki.storage, 'IDF'), previousCrlNumber: 1, thisUpdate: now, entries: [revocation] },
      pki.config,
    );
    expect(idfCrl.crlNumber).toBe('2');
    await writeCrl(dir, 'idf.crl.pem', idfCrl.der);
  }, 60_000);

  afterAll(async () => pki?.close());

  it('records the key ceremony, and a second ceremony loads the keys instead of replacing them', async () => {
    expect(pki.ceremony.outcome).toBe('initialised');
    expect(pki.ceremony.keyStore).toBe(kind);
    expect(pki.ceremony.authorities.map((a) => a.name)).toEqual(['root', 'IDF', 'ocsp-IDF', 'ARA', 'ocsp-ARA']);
    expect(pki.ceremony.authorities.every((a) => a.keyGenerated && a.certificate === 'issued')).toBe(true);
    const again = await performKeyCeremony({
      keyStore: pki.keyStore,
      storage: pki.storage,
      config: pki.config,
      performedBy: 'second operator',
      now: new Date(),
      regions: ['IDF', 'ARA'],
    });
    expect(again.record.outcome).toBe('already-initialised');
    expect(again.record.authorities.every((a) => !a.keyGenerated && a.certificate === 'existing')).toBe(true);
    expect(again.record.authorities.map((a) => a.certificateSha256)).toEqual(
      pki.ceremony.authorities.map((a) => a.certificateSha256),
    );
    expect(await pki.storage.list('ceremonies/')).toHaveLength(2);
  });

  it('openssl verify accepts the CA chain and a good holder certificate, with CRL checks on every level', async () => {
    for (const name of ['good.pem', 'signature.pem']) {
      const result = await openssl(
        ['verify', '-x509_strict', '-crl_check_all', '-CAfile', 'root.pem', '-untrusted', 'idf.pem',
          '-CRLfile', 'root.crl.pem', '-CRLfile', 'idf.crl.pem', name],
        dir,
      );
      expect(result.output).toContain(`${name}: OK`);
      expect(result.code).toBe(0);
    }
  });

  it('openssl verify reports the revoked certificate as revoked', async () => {
    const result = await openssl(
      ['verify', '-x509_strict', '-crl_check', '-CAfile', 'root.pem', '-untrusted', 'idf.pem', '-CRLfile', 'idf.crl.pem', 'revoked.pem'],
      dir,
    );
    expect(result.output).toMatch(/error 23 at 0 depth lookup: certificate revoked/);
    expect(result.code).not.toBe(0);
  });

  it('openssl x509 shows exactly the signature profile: nonRepudiation only, PC signature with CPS, CRL DP, AIA', async () => {
    const text = (await openssl(['x509', '-in', 'signature.pem', '-noout', '-text', '-nameopt', 'multiline,utf8,-esc_msb'], dir)).stdout;
    expect(extensionBody(text, 'X509v3 Key Usage: critical')).toEqual(['Non Repudiation']);
    expect(text).not.toContain('Extended Key Usage');
    expect(extensionBody(text, 'X509v3 Certificate Policies:')).toEqual([
      `Policy: ${pki.config.policies.signature.oid}`,
      `CPS: ${pki.config.policies.signature.cpsUri}`,
    ]);
    expectCommonHolderFields(text);
  });

  it('openssl x509 shows exactly the authentication profile: digitalSignature only, clientAuth only, PC authentification', async () => {
    const text = (await openssl(['x509', '-in', 'authentication.pem', '-noout', '-text', '-nameopt', 'multiline,utf8,-esc_msb'], dir)).stdout;
    expect(extensionBody(text, 'X509v3 Key Usage: critical')).toEqual(['Digital Signature']);
    expect(extensionBody(text, 'X509v3 Extended Key Usage:')).toEqual(['TLS Web Client Authentication']);
    expect(extensionBody(text, 'X509v3 Certificate Policies:')).toEqual([
      `Policy: ${pki.config.policies.authentication.oid}`,
      `CPS: ${pki.config.policies.authentication.cpsUri}`,
    ]);
    expectCommonHolderFields(text);
  });

  function expectCommonHolderFields(text: string): void {
    const base = pki.config.repositoryBaseUrl;
    expect(extensionBody(text, 'X509v3 CRL Distribution Points:')).toEqual(['Full Name:', `URI:${base}/pki/crl/IDF.crl`]);
    expect(extensionBody(text, 'Authority Information Access:')).toEqual([
      `OCSP - URI:${base}/pki/ocsp`,
      `CA Issuers - URI:${base}/pki/ca/IDF.crt`,
    ]);
    expect(extensionBody(text, 'X509v3 Subject Alternative Name:')).toEqual([`email:${holder.email}`]);
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).not.toContain('Basic Constraints');
    const subject = text.slice(text.indexOf('Subject:'), text.indexOf('Subject Public Key Info'));
    expect(subject).toMatch(/countryName\s+= FR/);
    expect(subject).toMatch(/organizationName\s+= Cabinet Martin & Associés/);
    expect(subject).toMatch(/surname\s+= Martin-Dupré/);
    expect(subject).toMatch(/givenName\s+= Éloïse/);
    expect(subject).toMatch(/serialNumber\s+= 75-012345/);
    expect(subject).toMatch(/commonName\s+= Éloïse Martin-Dupré/);
  }

  it('writes random positive serials of 16 octets and a two-year validity', async () => {
    for (const name of ['signature', 'authentication'] as const) {
      const { stdout } = await openssl(['x509', '-in', `${name}.pem`, '-noout', '-serial', '-startdate', '-enddate'], dir);
      const serial = /serial=([0-9A-F]+)/.exec(stdout)![1];
      expect(serial).toBe(issued[name].serial);
      expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
      const start = new Date(/notBefore=(.*)/.exec(stdout)![1]);
      const end = new Date(/notAfter=(.*)/.exec(stdout)![1]);
      expect(end.getUTCFullYear() - start.getUTCFullYear()).toBe(2);
      expect(end.getUTCMonth()).toBe(start.getUTCMonth());
    }
    expect(issued.signature.serial).not.toBe(issued.authentication.serial);
  });

  it('openssl crl verifies the CRL and reads number, reason code and invalidity date', async () => {
    const verified = await openssl(['crl', '-in', 'idf.crl.pem', '-CAfile', 'idf.pem', '-noout'], dir);
    expect(verified.output).toContain('verify OK');
    const text = (await openssl(['crl', '-in', 'idf.crl.pem', '-noout', '-text'], dir)).stdout;
    expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*2\n/);
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toContain(`Serial Number: ${revocation.serial}`);
    expect(text).toMatch(/X509v3 CRL Reason Code:\s*\n\s*Key Compromise/);
    expect(text).toContain('Invalidity Date');
    const hours = (Date.parse(/Next Update: (.*)/.exec(text)![1]) - Date.parse(/Last Update: (.*)/.exec(text)![1])) / 3_600_000;
    expect(hours).toBe(24);
  });

  describe('OCSP', () => {
    let responder: OcspResponder;
    const lookups: string[] = [];

    beforeAll(async () => {
      responder = new OcspResponder({
        authorities: pki.hierarchy.issuing.values(),
        config: pki.config,
        clock: () => new Date(),
        lookup: async (issuer, serial): Promise<CertificateStatus> => {
          lookups.push(`${issuer}:${serial}`);
          if (serial === revocation.serial) return { status: 'revoked', revokedAt: revocation.revokedAt, reason: revocation.reason };
          if (serial === issued.good.serial) return { status: 'good' };
          return { status: 'unknown' };
        },
      });
      await writeCertificate(dir, 'ocsp-idf.pem', pki.hierarchy.issuing.get('IDF')!.ocspResponder);
    });

    it('answers an openssl request (nonce echoed, signed by the delegated responder) that openssl accepts', async () => {
      await openssl(['ocsp', '-issuer', 'idf.pem', '-cert', 'good.pem', '-cert', 'revoked.pem', '-reqout', 'request.der'], dir);
      const response = await responder.respond(await readFile(join(dir, 'request.der')));
      await writeFile(join(dir, 'response.der'), response);
      // -reqin: openssl checks that our response carries the request's nonce.
      const result = await openssl(
        ['ocsp', '-reqin', 'request.der', '-respin', 'response.der', '-CAfile', 'root.pem', '-verify_other', 'idf.pem', '-resp_text'],
        dir,
      );
      expect(result.output).toContain('Response verify OK');
      expect(result.output).not.toMatch(/Nonce Verify error|WARNING: no nonce/);
      expect(result.output).toMatch(/OCSP Nonce:/);
      expect(result.output).toMatch(/Cert Status: good/);
      expect(result.output).toMatch(/Cert Status: revoked\s*\n\s*Revocation Time: .*\n\s*Revocation Reason: keyCompromise/);
      expect(result.output).toContain('Responder Id:');
      expect(lookups).toEqual([`IDF:${issued.good.serial}`, `IDF:${revocation.serial}`]);
    });

    it('reads good and revoked through openssl ocsp -issuer/-cert', async () => {
      for (const [name, expected] of [['good.pem', 'good'], ['revoked.pem', 'revoked']] as const) {
        await openssl(['ocsp', '-issuer', 'idf.pem', '-cert', name, '-no_nonce', '-reqout', 'single.der'], dir);
        await writeFile(join(dir, 'single-response.der'), await responder.respond(await readFile(join(dir, 'single.der'))));
        const result = await openssl(
          ['ocsp', '-issuer', 'idf.pem', '-cert', name, '-no_nonce', '-respin', 'single-response.der',
            '-CAfile', 'root.pem', '-verify_other', 'idf.pem'],
          dir,
        );
        expect(result.output).toContain('Response verify OK');
        expect(result.stdout).toMatch(new RegExp(`${name}: ${expected}\\n`));
      }
    });

    it('answers a malformed request with malformedRequest, not an exception', async () => {
      await writeFile(join(dir, 'malformed.der'), await responder.respond(Buffer.from('not an OCSP request')));
      const result = await openssl(['ocsp', '-respin', 'malformed.der', '-resp_text', '-noverify'], dir);
      expect(result.output).toContain('Responder Error: malformedrequest (1)');
    });
  });
});

/** Lines of an extension in `openssl x509 -text`, up to the next extension header. */
function extensionBody(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === header.trim());
  if (start < 0) return [];
  const indent = lines[start].search(/\S/);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.search(/\S/) <= indent) break;
    body.push(line.trim());
  }
  return body;
}

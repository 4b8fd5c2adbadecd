import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import {
  createHolderCertificationRequest,
  generateSerialNumber,
  signCrl,
  softwareSigningKey,
  spkiOf,
  toDer,
  toPem,
} from '#libs/ca-core';
import { projectRoot } from '#libs/dev-stack';
import { createDetachedSignature } from '#libs/signing';
import { openssl } from '../ca-core/support/openssl.js';
import { type PkiFixture, createPkiFixture, holderRegistration } from '../ca-core/support/pki-fixture.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The verify command when the URLs in the certificate lead nowhere: the revocation part is
 * indeterminate (exit 3), never a crash; a CRL given as a file still decides. The signature is
 * made by libs/signing with a software key, and openssl agrees it is a valid CMS signature.
 */
describe('verify command with unreachable revocation sources', () => {
  let pki: PkiFixture;
  let dir: string;
  const document = Buffer.from('Procès-verbal d’assemblée générale, 2026\n');

  function verify(args: string[]): Promise<CliResult> {
    const cli = join(projectRoot(), 'dist/apps/cli/src/main.js');
    return new Promise((resolve) => {
      execFile(process.execPath, [cli, 'verify', ...args], { cwd: dir, env: { PATH: process.env.PATH, VAR_DIR: dir } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    // A port that nobody listens on: what a relying party offline, or a repository down, sees.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    pki = await createPkiFixture('software', { regions: ['BRE'], config: { repositoryBaseUrl: `http://127.0.0.1:${port}` } });
    dir = pki.directory;
    const holder = holderRegistration({ region: 'BRE' });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = softwareSigningKey('holder', 'P-256', privateKey, spkiOf(publicKey));
    const csr = await createHolderCertificationRequest(holder, key);
    const bre = pki.hierarchy.issuing.get('BRE')!;
    const issued = await bre.issuer.issue({ profile: 'signature', csr, holder, serial: generateSerialNumber(), now: new Date() });
    const signature = await createDetachedSignature({ content: document, signer: key, certificate: toDer(issued.certificatePem, 'CERTIFICATE'), chain: [bre.ca.certificate.der], signingTime: new Date() });
    await writeFile(join(dir, 'doc.txt'), document);
    await writeFile(join(dir, 'doc.p7s'), signature);
    await writeFile(join(dir, 'root.pem'), toPem(pki.hierarchy.root.certificate.der, 'CERTIFICATE'));
    await writeFile(join(dir, 'bre.crl'), (await signCrl(bre.ca, { crlNumber: 1, thisUpdate: new Date(), entries: [] }, pki.config)).der);
  }, 60_000);

  afterAll(async () => {
    await pki?.close();
  });

  it('says indeterminate (exit 3) with every reason when neither the CRL nor OCSP can be fetched', async () => {
    const result = await verify(['doc.txt', '--signature', 'doc.p7s', '--trust-anchor', 'root.pem', '--timeout', '5']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Verdict: INDETERMINATE');
    expect(result.stdout).toMatch(/the CRL could not be fetched: http:\/\/127\.0\.0\.1:\d+\/pki\/crl\/BRE\.crl: fetch failed \(ECONNREFUSED\)/);
    expect(result.stdout).toMatch(/the OCSP responder could not be reached: http:\/\/127\.0\.0\.1:\d+\/pki\/ocsp: fetch failed \(ECONNREFUSED\)/);
    expect(result.stdout).toContain('the revocation status of the signer certificate could not be established');
  });

  it('says valid (exit 0) from a CRL given as a file, with the issuing CA embedded by the signer', async () => {
    const result = await verify(['doc.txt', '--signature', 'doc.p7s', '--trust-anchor', 'root.pem', '--crl', 'bre.crl', '--revocation-source', 'crl']);
    expect(result.stdout).toContain('Verdict: VALID');
    expect(result.stdout).toContain('Revocation (CRL): good');
    expect(result.code).toBe(0);
  });

  it('is a signature openssl cms -verify accepts with only the root trusted', async () => {
    const result = await openssl(
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'doc.p7s', '-content', 'doc.txt', '-CAfile', 'root.pem', '-purpose', 'any', '-out', '/dev/null'],
      dir,
    );
    expect(result.output).toContain('Verification successful');
  });
});

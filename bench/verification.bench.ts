import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { HolderRegistration } from '#libs/domain';
import {
  type CrlEntry,
  FilesystemCaStorage,
  SoftwareKeyStore,
  createHolderCertificationRequest,
  defaultPkiConfig,
  findRevokedEntry,
  generateSerialNumber,
  generateSoftwareKeyPair,
  performKeyCeremony,
  signCrl,
  softwareSigningKey,
  spkiOf,
  toPem,
  verifyCrlSignature,
} from '#libs/ca-core';
import { verifySignature } from '#libs/verification';

// Signature verification (issue 6): the cost of a revocation check by CRL against the cost of the
// verification without one (CMS + chain: the baseline, same process), for CRLs of 10,000 and
// 100,000 entries; and OpenSSL's `crl -verify` of the same 100,000-entry CRL for reference.

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 7);
const config = defaultPkiConfig({ repositoryBaseUrl: 'http://pki.bench.signexpert.example' });
const holder: HolderRegistration = {
  givenName: 'Camille',
  surname: 'Durand',
  email: 'camille.durand@example.fr',
  registrationNumber: '35012345',
  region: 'BRE',
  firm: 'Cabinet Durand',
  acceptedConditions: { version: '2024-01', acceptedAt: '2024-02-01T10:00:00Z' },
};

export async function runVerificationBench(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'signexpert-bench-verify-'));
  try {
    const storage = new FilesystemCaStorage(join(directory, 'ca'));
    const keyStore = await SoftwareKeyStore.open({ storage, passphrase: 'bench passphrase' });
    const { hierarchy } = await performKeyCeremony({ keyStore, storage, config, performedBy: 'bench', now: new Date(Date.now() - 60_000), regions: ['BRE'] });
    const authority = hierarchy.issuing.get('BRE')!;

    // A holder's signature made by OpenSSL (the independent signer), as in the integration tests.
    const { privateKey, publicKey } = await generateSoftwareKeyPair('P-256');
    const csr = await createHolderCertificationRequest(holder, softwareSigningKey('holder', 'P-256', privateKey, spkiOf(publicKey)));
    const issued = await authority.issuer.issue({ profile: 'signature', csr, holder, serial: generateSerialNumber(), now: new Date() });
    await writeFile(join(directory, 'holder.pem'), issued.certificatePem);
    await writeFile(join(directory, 'holder.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(directory, 'doc.txt'), 'Liasse fiscale 2026\n');
    await run('openssl', ['cms', '-sign', '-binary', '-cades', '-md', 'sha256', '-in', 'doc.txt', '-signer', 'holder.pem', '-inkey', 'holder.key',
      '-outform', 'DER', '-out', 'doc.p7s'], { cwd: directory });
    const signature = await readFile(join(directory, 'doc.p7s'));
    const content = await readFile(join(directory, 'doc.txt'));
    const request = { signature, content, trustAnchors: [hierarchy.root.certificate.der], intermediates: [authority.ca.certificate.der] };

    const baseline = await median(() => verifySignature({ ...request, crls: [] }));
    console.log(`verifySignature, no revocation source (CMS + chain): median ${ms(baseline)} (baseline)`);
    const issuerKey = new Uint8Array(new X509Certificate(authority.ca.certificate.der).publicKey.export({ type: 'spki', format: 'der' }));
    for (const size of [10_000, 100_000]) {
      const now = Date.now();
      const entries: CrlEntry[] = Array.from({ length: size }, (_, i) => ({ serial: generateSerialNumber(), revokedAt: new Date(now - i * 1000) }));
      entries[Math.floor(size * 0.73)] = { serial: issued.serial, revokedAt: new Date(now - 3_600_000), reason: 'keyCompromise' };
      const crl = await signCrl(authority.ca, { crlNumber: size, thisUpdate: new Date(now), entries }, config);
      const withCrl = await median(async () => {
        const report = await verifySignature({ ...request, crls: [crl.der] });
        if (report.revocation?.status !== 'revoked') throw new Error('the bench signer should be found revoked');
      });
      const signatureOnly = await median(async () => verifyCrlSignature(crl.der, issuerKey));
      const scanOnly = await median(async () => findRevokedEntry(crl.der, issued.serial));
      console.log(
        `${size.toLocaleString('en')}-entry CRL (${(crl.der.length / 1e6).toFixed(1)} MB): verifySignature median ${ms(withCrl)} ` +
          `(${(withCrl / baseline).toFixed(1)}× the baseline); of which CRL signature ${ms(signatureOnly)}, serial scan ${ms(scanOnly)}`,
      );
      if (size === 100_000) {
        await writeFile(join(directory, 'large.crl'), crl.der);
        await writeFile(join(directory, 'ca.pem'), toPem(authority.ca.certificate.der, 'CERTIFICATE'));
        const openssl = await median(async () => {
          await run('openssl', ['crl', '-inform', 'DER', '-in', 'large.crl', '-CAfile', 'ca.pem', '-noout'], { cwd: directory });
        }, 3);
        console.log(`  reference: \`openssl crl -CAfile\` (parse + signature check) of the same CRL, as a process: median ${ms(openssl)}; ours / OpenSSL = ${(withCrl / openssl).toFixed(2)}`);
      }
    }
    await keyStore.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function median(work: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

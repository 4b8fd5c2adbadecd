import { execFile } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REVOCATION_REASONS } from '#libs/domain';
import type { HolderRegistration } from '#libs/domain';
import {
  type CrlEntry,
  FilesystemCaStorage,
  type IssuingAuthority,
  type KeyAlgorithm,
  type KeyStore,
  OcspResponder,
  Pkcs11KeyStore,
  SoftwareKeyStore,
  createHolderCertificationRequest,
  defaultPkiConfig,
  generateSerialNumber,
  generateSoftwareKeyPair,
  performKeyCeremony,
  signCrl,
  softwareSigningKey,
  spkiOf,
  toPem,
} from '#libs/ca-core';

const run = promisify(execFile);
const SOFTHSM_LIBRARY = process.env.SOFTHSM2_LIBRARY ?? '/usr/lib/softhsm/libsofthsm2.so';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const config = defaultPkiConfig({ repositoryBaseUrl: 'http://pki.bench.signexpert.example' });
const holder: HolderRegistration = {
  givenName: 'Éloïse',
  surname: 'Martin-Dupré',
  email: 'eloise.martin@cabinet-martin.example',
  registrationNumber: '75-012345',
  region: 'IDF',
  firm: 'Cabinet Martin & Associés',
  acceptedConditions: { version: '2024-01', acceptedAt: '2024-02-01T10:00:00Z' },
};

type StoreKind = 'software' | 'softhsm';

interface Setup {
  readonly kind: StoreKind;
  readonly algorithm: KeyAlgorithm;
  readonly authority: IssuingAuthority;
  readonly keyStore: KeyStore;
}

/**
 * CA figures (issue 3 §9): issuance rate next to the raw signature rate of the same CA key,
 * CRL build+sign times, OCSP responses per second — for software and SoftHSM key stores.
 */
export async function runCaBench(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'signexpert-bench-ca-'));
  const tokens = join(directory, 'softhsm-tokens');
  await mkdir(tokens);
  const softhsmConf = join(directory, 'softhsm2.conf');
  await writeFile(softhsmConf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = softhsmConf; // read by SoftHSM at C_Initialize
  const setups: Setup[] = [];
  // SoftHSM enumerates tokens at C_Initialize: create them all before the first PKCS#11 use.
  for (const algorithm of ['P-256', 'RSA-3072']) {
    await run('softhsm2-util', ['--init-token', '--free', '--label', `softhsm-${algorithm}`, '--so-pin', '12345678', '--pin', '87654321'], {
      env: process.env,
    });
  }
  try {
    for (const kind of ['software', 'softhsm'] as const) {
      for (const algorithm of ['P-256', 'RSA-3072'] as const) {
        setups.push(await createSetup(directory, kind, algorithm));
      }
    }
    const csrs = await holderCsrs(64);
    console.log(`(each rate measured for ~${DURATION_MS} ms, sequential, one process)`);
    console.log('\nIssuance from a CSR (parse, key policy, proof of possession, subject check, template, sign):');
    for (const setup of setups) await benchIssuance(setup, csrs, directory);
    console.log('\nCRL build + sign:');
    for (const setup of setups.filter((s) => s.algorithm === 'P-256')) {
      for (const size of [10_000, 100_000]) await benchCrl(setup, size);
    }
    console.log('\nOCSP responses (parse request, lookup, encode, sign with the delegated responder key):');
    for (const setup of setups.filter((s) => s.algorithm === 'P-256')) await benchOcsp(setup, directory);
  } finally {
    for (const setup of setups) await setup.keyStore.close();
    await rm(directory, { recursive: true, force: true });
  }
}

async function createSetup(directory: string, kind: StoreKind, algorithm: KeyAlgorithm): Promise<Setup> {
  const name = `${kind}-${algorithm}`;
  const storage = new FilesystemCaStorage(join(directory, name));
  let keyStore: KeyStore;
  if (kind === 'softhsm') {
    keyStore = Pkcs11KeyStore.open({ library: SOFTHSM_LIBRARY, tokenLabel: name, pin: '87654321' });
  } else {
    keyStore = await SoftwareKeyStore.open({ storage, passphrase: 'bench passphrase' });
  }
  const { hierarchy } = await performKeyCeremony({
    keyStore,
    storage,
    config: { ...config, issuingCaKeyAlgorithm: algorithm },
    performedBy: 'bench',
    now: new Date(Date.now() - 60_000),
    regions: ['IDF'],
  });
  return { kind, algorithm, authority: hierarchy.issuing.get('IDF')!, keyStore };
}

async function holderCsrs(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const { privateKey, publicKey } = await generateSoftwareKeyPair('P-256');
    out.push(await createHolderCertificationRequest(holder, softwareSigningKey('holder', 'P-256', privateKey, spkiOf(publicKey))));
  }
  return out;
}

async function benchIssuance(setup: Setup, csrs: Buffer[], directory: string): Promise<void> {
  const { issuer, ca } = setup.authority;
  const label = `${setup.algorithm.padEnd(8)} ${setup.kind.padEnd(8)}`;
  let last = '';
  let i = 0;
  const issued = await rate(async () => {
    const certificate = await issuer.issue({
      profile: i % 2 ? 'signature' : 'authentication',
      csr: csrs[i++ % csrs.length],
      holder,
      serial: generateSerialNumber(),
      now: new Date(),
    });
    last = certificate.certificatePem;
  });
  // The raw signature rate of the same CA key, through the same key store, on a TBSCertificate-sized input.
  const tbs = Buffer.alloc(700, 7);
  const raw = await rate(() => ca.key.sign(tbs));
  // Split: signing an already-prepared intent (template + signature, no CSR checks).
  const prepared = issuer.prepare({ profile: 'signature', csr: csrs[0], holder, serial: generateSerialNumber(), now: new Date() });
  const signOnly = await rate(() => issuer.sign(prepared));
  console.log(
    `  ${label} ${fmt(issued)} certs/s   raw CA-key sign ${fmt(raw)} /s   ratio ${(issued / raw).toFixed(2)}` +
      `   ${await verifiedByOpenssl(setup, last, directory)}`,
  );
  console.log(`  ${' '.repeat(17)} (signing prepared intents only: ${fmt(signOnly)} certs/s, ratio ${(signOnly / raw).toFixed(2)})`);
  if (setup.kind === 'software') {
    // Reference: node:crypto sign on a fresh key of the same algorithm, no key store in between.
    const { privateKey } = await generateSoftwareKeyPair(setup.algorithm);
    const hash = setup.algorithm === 'P-384' ? 'sha384' : 'sha256';
    const direct = await rate(async () => sign(hash, tbs, privateKey));
    console.log(`  ${' '.repeat(17)} (node crypto.sign, same algorithm, no store: ${fmt(direct)} /s)`);
  }
}

async function verifiedByOpenssl(setup: Setup, certificatePem: string, directory: string): Promise<string> {
  const name = `${setup.kind}-${setup.algorithm}`;
  await writeFile(join(directory, `${name}-ca.pem`), toPem(setup.authority.ca.certificate.der, 'CERTIFICATE'));
  await writeFile(join(directory, `${name}-leaf.pem`), certificatePem);
  // The issuing CA is trusted directly here (-partial_chain): the bench checks the leaf's encoding and signature.
  const { stdout } = await run(
    'openssl',
    ['verify', '-x509_strict', '-partial_chain', '-CAfile', `${name}-ca.pem`, `${name}-leaf.pem`],
    { cwd: directory },
  ).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }));
  return stdout.includes(': OK') ? '[last cert: openssl verify OK]' : `[openssl verify FAILED: ${stdout.trim()}]`;
}

async function benchCrl(setup: Setup, size: number): Promise<void> {
  const now = Date.now();
  const entries: CrlEntry[] = Array.from({ length: size }, (_, i) => ({
    serial: generateSerialNumber(),
    revokedAt: new Date(now - (i % 5000) * 60_000),
    reason: REVOCATION_REASONS[i % REVOCATION_REASONS.length],
    ...(i % 3 === 0 ? { invalidityDate: new Date(now - 86_400_000) } : {}),
  }));
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const crl = await signCrl(setup.authority.ca, { crlNumber: round + 1, thisUpdate: new Date(now), entries }, config);
    times.push(performance.now() - started);
    bytes = crl.der.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${setup.algorithm} ${setup.kind.padEnd(8)} ${String(size).padStart(7)} entries: ` +
      `median ${times[1].toFixed(0)} ms (best ${times[0].toFixed(0)} ms), ${(bytes / 1e6).toFixed(1)} MB`,
  );
}

async function benchOcsp(setup: Setup, directory: string): Promise<void> {
  const name = `${setup.kind}-${setup.algorithm}`;
  const responder = new OcspResponder({
    authorities: [setup.authority],
    config,
    clock: () => new Date(),
    lookup: async () => ({ status: 'revoked', revokedAt: new Date(Date.now() - 3_600_000), reason: 'keyCompromise' }),
  });
  await run('openssl', ['ocsp', '-issuer', `${name}-ca.pem`, '-cert', `${name}-leaf.pem`, '-reqout', `${name}-ocsp.der`], {
    cwd: directory,
  });
  const request = await readFile(join(directory, `${name}-ocsp.der`));
  const perSecond = await rate(() => responder.respond(request));
  console.log(`  responder key P-256 ${setup.kind.padEnd(8)} ${fmt(perSecond)} responses/s`);
}

/** Operations per second of `operation`, run back to back for DURATION_MS after a short warm-up. */
async function rate(operation: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await operation();
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while ((elapsed = performance.now() - started) < DURATION_MS) {
    await operation();
    count++;
  }
  return (count * 1000) / elapsed;
}

const fmt = (value: number): string => value.toFixed(0).padStart(6);

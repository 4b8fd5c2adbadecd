import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HolderRegistration, RegionCode } from '#libs/domain';
import {
  type CaSigningKey,
  type CeremonyRecord,
  FilesystemCaStorage,
  type KeyAlgorithm,
  type KeyStore,
  type PkiConfig,
  type PkiHierarchy,
  Pkcs11KeyStore,
  SoftwareKeyStore,
  createHolderCertificationRequest,
  defaultPkiConfig,
  generateSoftwareKeyPair,
  performKeyCeremony,
  softwareSigningKey,
  spkiOf,
} from '#libs/ca-core';
import { createSoftHsm, type SoftHsm } from './softhsm.js';

export type KeyStoreKind = 'pkcs11' | 'software';

export interface PkiFixture {
  readonly kind: KeyStoreKind;
  readonly directory: string;
  readonly storage: FilesystemCaStorage;
  readonly keyStore: KeyStore;
  readonly config: PkiConfig;
  readonly hierarchy: PkiHierarchy;
  readonly ceremony: CeremonyRecord;
  readonly softHsm?: SoftHsm;
  close(): Promise<void>;
}

export const CA_TOKEN = { label: 'signexpert-ca', soPin: '87654321', pin: '11223344' };
export const TEST_PASSPHRASE = 'correct horse battery staple';
/** Cheap scrypt for tests; production uses DEFAULT_SCRYPT. */
export const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

/** A whole hierarchy (root, issuing CAs of `regions`, OCSP responders) in a temp directory. */
export async function createPkiFixture(
  kind: KeyStoreKind,
  options: { regions?: RegionCode[]; now?: Date; config?: Partial<PkiConfig> } = {},
): Promise<PkiFixture> {
  const directory = await mkdtemp(join(tmpdir(), `signexpert-pki-${kind}-`));
  const storage = new FilesystemCaStorage(join(directory, 'ca'));
  let softHsm: SoftHsm | undefined;
  let keyStore: KeyStore | undefined;
  const cleanUp = async () => {
    await keyStore?.close();
    await softHsm?.remove();
    await rm(directory, { recursive: true, force: true });
  };
  let ceremony: Awaited<ReturnType<typeof performKeyCeremony>>;
  const config = defaultPkiConfig({ repositoryBaseUrl: 'http://pki.test.signexpert.example', ...options.config });
  try {
    if (kind === 'pkcs11') {
      softHsm = await createSoftHsm();
      await softHsm.initToken(CA_TOKEN.label, CA_TOKEN.soPin, CA_TOKEN.pin);
      keyStore = Pkcs11KeyStore.open({ library: softHsm.library, tokenLabel: CA_TOKEN.label, pin: CA_TOKEN.pin });
    } else {
      keyStore = await SoftwareKeyStore.open({ storage, passphrase: TEST_PASSPHRASE, scrypt: TEST_SCRYPT });
    }
    ceremony = await performKeyCeremony({
      keyStore,
      storage,
      config,
      performedBy: 'test operator',
      now: options.now ?? new Date(Date.now() - 3_600_000),
      regions: options.regions ?? ['IDF', 'ARA'],
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const { record, hierarchy } = ceremony;
  return {
    kind,
    directory,
    storage,
    keyStore: keyStore!,
    config,
    hierarchy,
    ceremony: record,
    ...(softHsm ? { softHsm } : {}),
    close: cleanUp,
  };
}

export function holderRegistration(overrides: Partial<HolderRegistration> = {}): HolderRegistration {
  return {
    givenName: 'Éloïse',
    surname: 'Martin-Dupré',
    email: 'eloise.martin@cabinet-martin.example',
    registrationNumber: '75-012345',
    region: 'IDF',
    firm: 'Cabinet Martin & Associés',
    acceptedConditions: { version: '2024-01', acceptedAt: '2024-02-01T10:00:00Z' },
    ...overrides,
  };
}

/** A holder key pair made in this process (stands in for a token where the token is not the point). */
export async function softwareHolderKey(algorithm: KeyAlgorithm = 'P-256'): Promise<CaSigningKey> {
  const { privateKey, publicKey } = await generateSoftwareKeyPair(algorithm);
  return softwareSigningKey('holder', algorithm, privateKey, spkiOf(publicKey));
}

export async function holderCsr(holder: HolderRegistration, algorithm: KeyAlgorithm = 'P-256'): Promise<Buffer> {
  return createHolderCertificationRequest(holder, await softwareHolderKey(algorithm));
}

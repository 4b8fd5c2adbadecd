// Shared by the unit specs of libs/ca-core (not part of the library's public face).
import type { HolderRegistration } from '#libs/domain';
import { MemoryCaStorage } from '../src/ca-storage.js';
import { defaultPkiConfig, type PkiConfig } from '../src/certificate-profiles.js';
import { createHolderCertificationRequest } from '../src/holder-token.js';
import { performKeyCeremony, type PkiHierarchy } from '../src/hierarchy.js';
import type { KeyAlgorithm } from '../src/algorithms.js';
import type { CaSigningKey } from '../src/key-store.js';
import { spkiOf } from '../src/public-keys.js';
import { SoftwareKeyStore, generateSoftwareKeyPair, softwareSigningKey } from '../src/software-key-store.js';

export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export function holderRegistration(overrides: Partial<HolderRegistration> = {}): HolderRegistration {
  return {
    givenName: 'Jeanne',
    surname: 'Lefèvre',
    email: 'jeanne.lefevre@example.fr',
    registrationNumber: '13-000042',
    region: 'MAR',
    acceptedConditions: { version: '2024-01', acceptedAt: '2024-01-15T09:00:00Z' },
    ...overrides,
  };
}

export async function holderKey(algorithm: KeyAlgorithm | 'RSA-1024' = 'P-256'): Promise<CaSigningKey> {
  if (algorithm === 'RSA-1024') {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    // Signs like RSA-2048 would: only the policy check cares about the size.
    return softwareSigningKey('weak', 'RSA-2048', privateKey, spkiOf(publicKey));
  }
  const { privateKey, publicKey } = await generateSoftwareKeyPair(algorithm);
  return softwareSigningKey('holder', algorithm, privateKey, spkiOf(publicKey));
}

export async function holderCsr(holder: HolderRegistration, algorithm: KeyAlgorithm | 'RSA-1024' = 'P-256'): Promise<Buffer> {
  return createHolderCertificationRequest(holder, await holderKey(algorithm));
}

export interface SpecPki {
  readonly hierarchy: PkiHierarchy;
  readonly storage: MemoryCaStorage;
  readonly keyStore: SoftwareKeyStore;
  readonly config: PkiConfig;
}

/** Root + MAR issuing CA + responder, software keys in memory. */
export async function specPki(options: { now?: Date; config?: Partial<PkiConfig> } = {}): Promise<SpecPki> {
  const storage = new MemoryCaStorage();
  const keyStore = await SoftwareKeyStore.open({ storage, passphrase: 'spec', scrypt: FAST_SCRYPT });
  const config = defaultPkiConfig(options.config);
  const { hierarchy } = await performKeyCeremony({
    keyStore,
    storage,
    config,
    performedBy: 'spec',
    now: options.now ?? new Date('2030-01-01T00:00:00Z'),
    regions: ['MAR'],
  });
  return { hierarchy, storage, keyStore, config };
}

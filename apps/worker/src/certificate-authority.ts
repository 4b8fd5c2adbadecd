import {
  FilesystemCaStorage,
  Pkcs11KeyStore,
  SoftwareKeyStore,
  defaultPkiConfig,
  performKeyCeremony,
  type CeremonyRecord,
  type KeyStore,
  type PkiConfig,
  type PkiHierarchy,
} from '#libs/ca-core';
import type { Environment } from '#libs/config';

export interface LoadedCa {
  ceremony: CeremonyRecord;
  hierarchy: PkiHierarchy;
  pkiConfig: PkiConfig;
  keyStore: KeyStore;
}

/**
 * Opens the CA keys (HSM over PKCS#11, or the encrypted software store of the zero-setup default)
 * and brings the hierarchy up: the key ceremony is idempotent, so on an initialised CA it only
 * loads what exists and never replaces a key.
 */
export async function loadCertificateAuthority(env: Environment, caDirectory: string, performedBy = 'worker start-up'): Promise<LoadedCa> {
  const storage = new FilesystemCaStorage(caDirectory);
  const keyStore: KeyStore =
    env.CA_KEY_STORE === 'pkcs11'
      ? Pkcs11KeyStore.open({ library: env.PKCS11_LIBRARY, tokenLabel: required(env.CA_PKCS11_TOKEN_LABEL, 'CA_PKCS11_TOKEN_LABEL'), pin: required(env.CA_PKCS11_PIN, 'CA_PKCS11_PIN') })
      : await SoftwareKeyStore.open({ storage, passphrase: required(env.CA_KEY_PASSPHRASE, 'CA_KEY_PASSPHRASE') });
  const pkiConfig = defaultPkiConfig({ repositoryBaseUrl: env.PUBLIC_BASE_URL });
  const { record, hierarchy } = await performKeyCeremony({ keyStore, storage, config: pkiConfig, performedBy, now: new Date() });
  return { ceremony: record, hierarchy, pkiConfig, keyStore };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this process`);
  return value;
}

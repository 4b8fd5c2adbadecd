import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  FilesystemCaStorage,
  HierarchyStateError,
  Pkcs11KeyStore,
  SoftwareKeyStore,
  WrongPassphraseError,
  certificateAuthority,
  describePublicKey,
  hierarchyNames,
  parseCertificate,
  toPem,
  type CaName,
  type CaStorage,
  type CertificateAuthority,
  type KeyStore,
  type OcspAuthority,
  type PkiConfig,
} from '#libs/ca-core';
import type { Environment } from '#libs/config';
import { REGION_CODES, type RegionCode } from '#libs/domain';
import { pkiConfigOf } from './pki-config.js';

/** Every CA this repository publishes a certificate for: the profession root and one per region. */
export const CA_NAMES: readonly CaName[] = ['root', ...REGION_CODES];

export function isCaName(value: string): value is CaName {
  return (CA_NAMES as readonly string[]).includes(value);
}

/** The CA is not (yet) usable from this process; the HTTP layer answers 503 and the client retries. */
export class CaUnavailableError extends Error {
  override readonly name = 'CaUnavailableError';
}

/** A published CA certificate in both encodings, with its SHA-256 (the ETag). */
export interface PublishedCaCertificate {
  readonly name: CaName;
  readonly der: Buffer;
  readonly pem: string;
  readonly sha256: string;
}

export interface CaRepositoryOptions {
  /** The storage the worker's key ceremony writes to (`<VAR_DIR>/ca`). */
  readonly storage: CaStorage;
  readonly pkiConfig: PkiConfig;
  /**
   * Opens the key store holding the delegated OCSP responders' keys, or says why this process has
   * none (then OCSP answers 503 and the public certificates are still served).
   */
  readonly openKeyStore: (() => Promise<KeyStore>) | { readonly unavailable: string };
  /** Milliseconds since the epoch; injected so tests control retries and refreshes. */
  readonly now?: () => number;
}

/** After a failed load, requests within this window get the same answer (opening the key store costs a scrypt). */
const RETRY_AFTER_FAILURE_MS = 1_000;
/** The worker renews OCSP responder certificates near expiry (same key): read them again now and then. */
const RESPONDERS_REFRESH_MS = 60 * 60_000;

const NOT_INITIALISED =
  'the certification authority has not been initialised yet: the worker runs the key ceremony at its first start; retry shortly';

/**
 * The API's read-only view of the CA the worker created. It never runs the key ceremony and never
 * creates a key: certificates are read from the ceremony's storage (public, no key needed), and
 * the OCSP authorities are loaded lazily, retried on later requests while the worker has not
 * initialised the CA (the API may start first).
 *
 * Unlike ca-core's `loadHierarchy`, only the delegated OCSP responders' keys are taken from the
 * key store: the internet-facing process never holds a CA signing key in memory (RFC 6960 §2.6
 * delegation exists so that the CA key need not sign OCSP answers).
 */
export class CaRepository implements OnApplicationShutdown {
  private readonly logger = new Logger('CaRepository');
  private readonly now: () => number;
  /** CA certificates are never replaced (the ceremony only creates them), so one read is enough. */
  private readonly certificates = new Map<CaName, PublishedCaCertificate>();
  private keyStore?: Promise<KeyStore>;
  private loaded?: { authorities: readonly OcspAuthority[]; at: number };
  private loading?: Promise<readonly OcspAuthority[]>;
  private failure?: { error: CaUnavailableError; at: number };

  constructor(private readonly options: CaRepositoryOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Mirrors the worker (apps/worker/src/certificate-authority.ts): same storage, same key store. */
  static fromEnvironment(env: Environment): CaRepository {
    const storage = new FilesystemCaStorage(join(env.VAR_DIR, 'ca'));
    let openKeyStore: CaRepositoryOptions['openKeyStore'];
    if (env.CA_KEY_STORE === 'pkcs11') {
      const { CA_PKCS11_TOKEN_LABEL: tokenLabel, CA_PKCS11_PIN: pin } = env;
      openKeyStore =
        tokenLabel && pin
          ? async () => Pkcs11KeyStore.open({ library: env.PKCS11_LIBRARY, tokenLabel, pin })
          : { unavailable: 'CA_PKCS11_TOKEN_LABEL and CA_PKCS11_PIN are not configured for the API' };
    } else {
      const passphrase = env.CA_KEY_PASSPHRASE;
      openKeyStore = passphrase
        ? () => SoftwareKeyStore.open({ storage, passphrase })
        : { unavailable: 'CA_KEY_PASSPHRASE is not configured for the API' };
    }
    return new CaRepository({ storage, pkiConfig: pkiConfigOf(env), openKeyStore });
  }

  get pkiConfig(): PkiConfig {
    return this.options.pkiConfig;
  }

  /** The certificate of `name`, read from storage; no key store needed. */
  async caCertificate(name: CaName): Promise<PublishedCaCertificate> {
    const cached = this.certificates.get(name);
    if (cached) return cached;
    const der = await this.options.storage.read(name === 'root' ? hierarchyNames.rootCertificate : hierarchyNames.issuingCaCertificate(name));
    if (!der) throw new CaUnavailableError(NOT_INITIALISED);
    const published = { name, der, pem: toPem(der, 'CERTIFICATE'), sha256: createHash('sha256').update(der).digest('hex') };
    this.certificates.set(name, published);
    return published;
  }

  /** Each issuing CA with its delegated OCSP responder and key; throws CaUnavailableError until they can be loaded. */
  async ocspAuthorities(): Promise<readonly OcspAuthority[]> {
    const now = this.now();
    if (this.loaded && now - this.loaded.at < RESPONDERS_REFRESH_MS) return this.loaded.authorities;
    if (!this.loaded && this.failure && now - this.failure.at < RETRY_AFTER_FAILURE_MS) throw this.failure.error;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    try {
      return await this.loading;
    } catch (error) {
      // A refresh that fails keeps serving what was loaded: the keys it holds have not gone away.
      if (this.loaded) return this.loaded.authorities;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const keyStore = await this.keyStore?.catch(() => undefined);
    await keyStore?.close();
  }

  private async load(): Promise<readonly OcspAuthority[]> {
    try {
      const open = this.options.openKeyStore;
      if (typeof open !== 'function') throw new CaUnavailableError(`OCSP is not available from this API process: ${open.unavailable}`);
      // Checked before opening the key store: opening a software store that does not exist yet
      // would create it, and only the worker's key ceremony creates CA state.
      if (!(await this.options.storage.read(hierarchyNames.rootCertificate))) throw new CaUnavailableError(NOT_INITIALISED);
      this.keyStore ??= open().catch((error: unknown) => {
        this.keyStore = undefined;
        throw error;
      });
      const keyStore = await this.keyStore;
      const authorities: OcspAuthority[] = [];
      // One at a time: a PKCS#11 session runs one object search at a time.
      for (const region of REGION_CODES) authorities.push(await this.loadOcspAuthority(keyStore, region));
      this.loaded = { authorities, at: this.now() };
      this.failure = undefined;
      return authorities;
    } catch (error) {
      const unavailable = asUnavailable(error);
      if (!(error instanceof CaUnavailableError) && !(error instanceof HierarchyStateError)) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      this.failure = { error: unavailable, at: this.now() };
      throw unavailable;
    }
  }

  private async loadOcspAuthority(keyStore: KeyStore, region: RegionCode): Promise<OcspAuthority> {
    const { storage } = this.options;
    const caCertificate = await storage.read(hierarchyNames.issuingCaCertificate(region));
    const responderCertificate = await storage.read(hierarchyNames.ocspCertificate(region));
    const responderKey = await keyStore.findKey(hierarchyNames.ocspKeyId(region));
    if (!caCertificate || !responderCertificate || !responderKey) {
      throw new HierarchyStateError(`the CA certificate, OCSP responder certificate or OCSP responder key of ${region} is missing`);
    }
    return {
      region,
      ca: certificateOnly(region, caCertificate),
      // Refuses a responder key that is not the certified one.
      ocspResponder: certificateAuthority(`ocsp-${region}`, responderCertificate, responderKey),
    };
  }
}

/**
 * An issuing CA as the OCSP responder needs it: its certificate (CertID hashes, RFC 6960 §4.1.1),
 * with a key that cannot sign.
 */
function certificateOnly(name: string, der: Buffer): CertificateAuthority {
  const { subjectPublicKeyInfo } = parseCertificate(der);
  const description = describePublicKey(subjectPublicKeyInfo);
  if (description.kind === 'other' || !description.algorithm) throw new HierarchyStateError(`${name}: unsupported CA key type`);
  return certificateAuthority(name, der, {
    keyId: `${name}-certificate-only`,
    algorithm: description.algorithm,
    publicKey: subjectPublicKeyInfo,
    sign: () => Promise.reject(new Error(`the API holds no signing key for CA ${name}`)),
  });
}

function asUnavailable(error: unknown): CaUnavailableError {
  if (error instanceof CaUnavailableError) return error;
  if (error instanceof HierarchyStateError) return new CaUnavailableError(`${NOT_INITIALISED} (${error.message})`);
  if (error instanceof WrongPassphraseError) return new CaUnavailableError('CA_KEY_PASSPHRASE does not open the CA key store; OCSP is unavailable');
  return new CaUnavailableError('the CA key store could not be opened; OCSP is unavailable (see the API log)');
}

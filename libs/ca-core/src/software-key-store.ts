import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
  scrypt,
  sign,
} from 'node:crypto';
import { promisify } from 'node:util';
import { type KeyAlgorithm, rsaModulusBits, signatureSchemeFor } from './algorithms.js';
import type { CaStorage } from './ca-storage.js';
import { KeyAlreadyExistsError, KeyStoreError, StorageConflictError, WrongPassphraseError } from './errors.js';
import { type CaSigningKey, KEY_ID_PATTERN, type KeyStore } from './key-store.js';
import { spkiOf } from './public-keys.js';

const generateKeyPairAsync = promisify(generateKeyPair);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt cost (RFC 7914). N = 2^15, r = 8 costs ~100 ms and 32 MiB once per opening of the store. */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

export interface SoftwareKeyStoreOptions {
  storage: CaStorage;
  /** Never logged, never stored; only the scrypt-derived key encrypts the key files. */
  passphrase: string;
  /** Used only when the store is created; later openings read the parameters from the store. */
  scrypt?: ScryptParameters;
  /** Folder of the key files inside `storage`. */
  folder?: string;
}

interface StoreHeader {
  format: 'signexpert-software-keystore/1';
  kdf: { name: 'scrypt'; salt: string } & ScryptParameters;
  /** A known text sealed under the derived key: tells a wrong passphrase from a damaged key file. */
  check: Sealed;
}

interface Sealed {
  iv: string;
  tag: string;
  ciphertext: string;
}

interface KeyFile {
  format: 'signexpert-software-key/1';
  keyId: string;
  algorithm: KeyAlgorithm;
  publicKey: string;
  privateKey: Sealed;
  createdAt: string;
}

const CHECK_TEXT = 'signexpert-software-keystore';

/**
 * CA keys as files, each PKCS#8 private key sealed with AES-256-GCM under a key derived from the
 * operator's passphrase by scrypt. DESIGN.md allows this only for the zero-setup default; real
 * deployments use `Pkcs11KeyStore`. The sealed record's additional data binds key id, algorithm
 * and public key, so swapping files between ids fails authentication.
 */
export class SoftwareKeyStore implements KeyStore {
  readonly kind = 'software';
  private readonly loaded = new Map<string, CaSigningKey>();

  private constructor(
    private readonly storage: CaStorage,
    private readonly folder: string,
    private readonly masterKey: Buffer,
  ) {}

  static async open(options: SoftwareKeyStoreOptions): Promise<SoftwareKeyStore> {
    const folder = options.folder ?? 'keys';
    const headerName = `${folder}/keystore.json`;
    let raw = await options.storage.read(headerName);
    if (!raw) {
      const parameters = options.scrypt ?? DEFAULT_SCRYPT;
      const salt = randomBytes(16);
      const masterKey = await deriveKey(options.passphrase, salt, parameters);
      const header: StoreHeader = {
        format: 'signexpert-software-keystore/1',
        kdf: { name: 'scrypt', salt: salt.toString('base64'), ...parameters },
        check: seal(masterKey, Buffer.from(CHECK_TEXT), Buffer.from(CHECK_TEXT)),
      };
      try {
        await options.storage.create(headerName, Buffer.from(JSON.stringify(header, null, 2)));
      } catch (error) {
        if (!(error instanceof StorageConflictError)) throw error;
      }
      raw = await options.storage.read(headerName);
    }
    const header = JSON.parse(raw!.toString('utf8')) as StoreHeader;
    if (header.format !== 'signexpert-software-keystore/1') throw new KeyStoreError(`unknown key store format in ${headerName}`);
    const { salt, N, r, p } = header.kdf;
    const masterKey = await deriveKey(options.passphrase, Buffer.from(salt, 'base64'), { N, r, p });
    try {
      unseal(masterKey, header.check, Buffer.from(CHECK_TEXT));
    } catch {
      throw new WrongPassphraseError('the passphrase does not open this software key store');
    }
    return new SoftwareKeyStore(options.storage, folder, masterKey);
  }

  async findKey(keyId: string): Promise<CaSigningKey | undefined> {
    assertKeyId(keyId);
    const cached = this.loaded.get(keyId);
    if (cached) return cached;
    const raw = await this.storage.read(this.fileName(keyId));
    if (!raw) return undefined;
    const file = JSON.parse(raw.toString('utf8')) as KeyFile;
    let pkcs8: Buffer;
    try {
      pkcs8 = unseal(this.masterKey, file.privateKey, associatedData(file));
    } catch {
      throw new KeyStoreError(`key file of ${keyId} fails authentication (damaged or tampered)`);
    }
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    pkcs8.fill(0);
    const publicKey = Buffer.from(file.publicKey, 'base64');
    if (!spkiOf(createPublicKey(privateKey)).equals(publicKey)) {
      throw new KeyStoreError(`key file of ${keyId}: private and public keys do not match`);
    }
    const key = softwareSigningKey(keyId, file.algorithm, privateKey, publicKey);
    this.loaded.set(keyId, key);
    return key;
  }

  async generateKey(keyId: string, algorithm: KeyAlgorithm): Promise<CaSigningKey> {
    assertKeyId(keyId);
    if (await this.storage.read(this.fileName(keyId))) throw new KeyAlreadyExistsError(`software key ${keyId} exists`);
    const { privateKey, publicKey } = await generateSoftwareKeyPair(algorithm);
    const file: KeyFile = {
      format: 'signexpert-software-key/1',
      keyId,
      algorithm,
      publicKey: spkiOf(publicKey).toString('base64'),
      privateKey: { iv: '', tag: '', ciphertext: '' },
      createdAt: new Date().toISOString(),
    };
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    file.privateKey = seal(this.masterKey, pkcs8, associatedData(file));
    pkcs8.fill(0);
    try {
      await this.storage.create(this.fileName(keyId), Buffer.from(JSON.stringify(file, null, 2)));
    } catch (error) {
      if (error instanceof StorageConflictError) throw new KeyAlreadyExistsError(`software key ${keyId} exists`);
      throw error;
    }
    const key = softwareSigningKey(keyId, algorithm, privateKey, spkiOf(publicKey));
    this.loaded.set(keyId, key);
    return key;
  }

  async close(): Promise<void> {
    this.loaded.clear();
    this.masterKey.fill(0);
  }

  private fileName(keyId: string): string {
    return `${this.folder}/${keyId}.key.json`;
  }
}

/** A key pair generated in this process (node:crypto / OpenSSL). */
export async function generateSoftwareKeyPair(
  algorithm: KeyAlgorithm,
): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  const bits = rsaModulusBits(algorithm);
  if (bits) return generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return generateKeyPairAsync('ec', { namedCurve: algorithm });
}

/** A Signer over a node:crypto private key (software CA keys, test holders). */
export function softwareSigningKey(
  keyId: string,
  algorithm: KeyAlgorithm,
  privateKey: KeyObject,
  publicKey: Buffer,
): CaSigningKey {
  const { hash } = signatureSchemeFor(algorithm);
  return {
    keyId,
    algorithm,
    publicKey,
    // Synchronous OpenSSL call: ~0.1 ms for P-256, cheaper than a thread-pool round trip.
    sign: async (data) => sign(hash, data, { key: privateKey, dsaEncoding: 'der' }),
  };
}

function assertKeyId(keyId: string): void {
  if (!KEY_ID_PATTERN.test(keyId)) throw new KeyStoreError(`invalid key id ${JSON.stringify(keyId)}`);
}

function associatedData(file: KeyFile): Buffer {
  return Buffer.from(JSON.stringify([file.format, file.keyId, file.algorithm, file.publicKey]));
}

async function deriveKey(passphrase: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  if (!passphrase) throw new KeyStoreError('the software key store needs a passphrase');
  const maxmem = 256 * parameters.N * parameters.r + 1024 * 1024;
  return scryptAsync(passphrase, salt, 32, { ...parameters, maxmem });
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

function unseal(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
}

import type { KeyAlgorithm } from './algorithms.js';
import type { CaSigningKey, KeyStore } from './key-store.js';
import { Pkcs11Library, type Pkcs11Token, type TokenKeyPair } from './pkcs11-token.js';

export interface Pkcs11KeyStoreOptions {
  /** Path of the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  library: string;
  tokenLabel: string;
  /** The CA operator's user PIN; never logged. */
  pin: string;
}

/**
 * CA keys in an HSM: generated on the token, non-extractable, used through C_Sign only.
 * Key ids are CKA_LABELs.
 */
export class Pkcs11KeyStore implements KeyStore {
  readonly kind = 'pkcs11';

  private constructor(
    private readonly library: Pkcs11Library,
    readonly token: Pkcs11Token,
  ) {}

  static open(options: Pkcs11KeyStoreOptions): Pkcs11KeyStore {
    const library = Pkcs11Library.load(options.library);
    try {
      return new Pkcs11KeyStore(library, library.openToken({ tokenLabel: options.tokenLabel, pin: options.pin }));
    } catch (error) {
      library.close();
      throw error;
    }
  }

  async findKey(keyId: string): Promise<CaSigningKey | undefined> {
    const pair = await this.token.findKeyPair(keyId);
    return pair && asCaKey(pair);
  }

  async generateKey(keyId: string, algorithm: KeyAlgorithm): Promise<CaSigningKey> {
    return asCaKey(await this.token.generateKeyPair(keyId, algorithm));
  }

  async close(): Promise<void> {
    await this.token.close();
    this.library.close();
  }
}

function asCaKey(pair: TokenKeyPair): CaSigningKey {
  return { keyId: pair.label, algorithm: pair.algorithm, publicKey: pair.publicKey, sign: pair.sign };
}

import { createHash } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import { type KeyAlgorithm, curveOid, rsaModulusBits, signatureSchemeFor } from './algorithms.js';
import { certificateObjectAttributes } from './pkcs11-certificates.js';
import { DerError, contentOf, oid, readNode, readOid } from './der.js';
import { IncompleteKeyPairError, KeyAlreadyExistsError, KeyStoreError } from './errors.js';
import type { Signer } from './key-store.js';
import { OID } from './oids.js';
import { ecdsaSignatureToDer, ecSpki, keyIdentifier, rsaSpki } from './public-keys.js';

/**
 * PKCS#11 (via graphene-pk11) for both sides of the PKI: the CA's HSM and the holders' USB
 * tokens (DESIGN.md "Issuing"). SoftHSM stands in for both in dev and tests; it reads
 * SOFTHSM2_CONF when the library is initialised, so set it before `Pkcs11Library.load`.
 */

export interface TokenDescription {
  readonly label: string;
  readonly serialNumber: string;
  readonly userPinInitialized: boolean;
}

/** A key pair whose private half stays on the token (CKA_SENSITIVE, not CKA_EXTRACTABLE). */
export interface TokenKeyPair extends Signer {
  readonly label: string;
  /** CKA_ID: the RFC 5280 key identifier, shared with the certificate object written later. */
  readonly id: Buffer;
}

const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
const CKR_USER_NOT_LOGGED_IN = 0x101;
/**
 * PKCS#11 §5.4 C_Initialize: without CKF_OS_LOCKING_OK the library may assume it is never called
 * from two threads at once, and SoftHSM then takes no locks. graphene runs key generation and
 * signing on libuv's thread pool while other sessions work on the main thread: unlocked, concurrent
 * issuances corrupted SoftHSM's memory (CKR_OBJECT_HANDLE_INVALID, CKR_GENERAL_ERROR, half-made key
 * pairs, double free, segmentation faults: test/ca-core/concurrent-tokens.test.ts).
 */
const CKF_OS_LOCKING_OK = 0x2;
const libraries = new Map<string, { module: graphene.Module; users: number }>();

/** A loaded PKCS#11 library (one per process and path: C_Initialize is process-wide). */
export class Pkcs11Library {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly module: graphene.Module,
  ) {}

  static load(path: string): Pkcs11Library {
    let entry = libraries.get(path);
    if (!entry) {
      const module = graphene.Module.load(path);
      try {
        module.initialize({ flags: CKF_OS_LOCKING_OK });
      } catch (error) {
        if ((error as { code?: number }).code !== CKR_CRYPTOKI_ALREADY_INITIALIZED) throw wrap('C_Initialize', error);
      }
      entry = { module, users: 0 };
      libraries.set(path, entry);
    }
    entry.users++;
    return new Pkcs11Library(path, entry.module);
  }

  tokens(): TokenDescription[] {
    const slots = this.module.getSlots(true);
    const out: TokenDescription[] = [];
    for (let i = 0; i < slots.length; i++) {
      const token = slots.items(i).getToken();
      if (!(token.flags & graphene.TokenFlag.TOKEN_INITIALIZED)) continue;
      out.push({
        label: token.label.trim(),
        serialNumber: token.serialNumber.trim(),
        userPinInitialized: Boolean(token.flags & graphene.TokenFlag.USER_PIN_INITIALIZED),
      });
    }
    return out;
  }

  /**
   * Initialises the first blank token (C_InitToken) with a Security Officer PIN and a label;
   * personalisation then sets the user PIN with `Pkcs11Token.setUserPin`.
   */
  initializeToken(tokenLabel: string, soPin: string): void {
    const slots = this.module.getSlots(true);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots.items(i);
      if (slot.getToken().flags & graphene.TokenFlag.TOKEN_INITIALIZED) continue;
      try {
        // graphene's Slot.initToken post-processes a return value pkcs11js 2 no longer gives:
        // call C_InitToken on the underlying binding.
        const binding = (slot as unknown as { lib: { C_InitToken(slot: Buffer, pin: string, label: string): unknown } }).lib;
        binding.C_InitToken(slot.handle, soPin, tokenLabel.padEnd(32, ' '));
      } catch (error) {
        throw wrap('C_InitToken', error);
      }
      return;
    }
    throw new KeyStoreError('no blank token to initialise');
  }

  /** Opens a read-write session on the token labelled `tokenLabel`, logged in as user if `pin` is given. */
  openToken(options: { tokenLabel: string; pin?: string }): Pkcs11Token {
    const slot = this.findSlot(options.tokenLabel);
    const session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
    const token = new Pkcs11Token(session, options.tokenLabel);
    if (options.pin !== undefined) {
      try {
        session.login(options.pin, graphene.UserType.USER);
      } catch (error) {
        session.close();
        // Never echo the PIN: only the PKCS#11 return code.
        throw wrap(`C_Login on token ${options.tokenLabel}`, error);
      }
    }
    return token;
  }

  /** Finalises the library once the last user closes it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const entry = libraries.get(this.path);
    if (entry && --entry.users === 0) {
      libraries.delete(this.path);
      entry.module.finalize();
    }
  }

  private findSlot(tokenLabel: string): graphene.Slot {
    const slots = this.module.getSlots(true);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots.items(i);
      if (slot.getToken().label.trim() === tokenLabel) return slot;
    }
    throw new KeyStoreError(`no PKCS#11 token labelled ${tokenLabel}`);
  }
}

/**
 * One PKCS#11 session. A session runs one cryptographic operation at a time (PKCS#11 §5.1.5:
 * CKR_OPERATION_ACTIVE otherwise), so every call is queued behind the previous one.
 */
export class Pkcs11Token {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly keyPairs = new Map<string, TokenKeyPair>();

  constructor(
    private readonly session: graphene.Session,
    readonly tokenLabel: string,
  ) {}

  /** Generates a key pair on the token; the private key can sign and can never leave it. */
  generateKeyPair(label: string, algorithm: KeyAlgorithm): Promise<TokenKeyPair> {
    return this.exclusive(async () => {
      if (this.findPrivateKey(label)) throw new KeyAlreadyExistsError(`token ${this.tokenLabel} has a key labelled ${label}`);
      const bits = rsaModulusBits(algorithm);
      const common = { token: true, label };
      const publicTemplate: graphene.ITemplate = bits
        ? { ...common, keyType: graphene.KeyType.RSA, verify: true, modulusBits: bits, publicExponent: Buffer.from([1, 0, 1]) }
        : { ...common, keyType: graphene.KeyType.EC, verify: true, paramsEC: oid(curveOid(algorithm as 'P-256' | 'P-384')) };
      const privateTemplate: graphene.ITemplate = {
        ...common,
        keyType: bits ? graphene.KeyType.RSA : graphene.KeyType.EC,
        private: true,
        sensitive: true,
        extractable: false,
        sign: true,
      };
      const mechanism = bits ? graphene.KeyGenMechanism.RSA : graphene.KeyGenMechanism.EC;
      const pair = await new Promise<graphene.IKeyPair>((resolve, reject) =>
        this.session.generateKeyPair(mechanism, publicTemplate, privateTemplate, (error, keys) =>
          error ? reject(wrap('C_GenerateKeyPair', error)) : resolve(keys!),
        ),
      );
      try {
        const spki = publicKeyInfo(pair.publicKey, algorithm);
        const id = keyIdentifier(spki);
        pair.publicKey.setAttribute({ id });
        pair.privateKey.setAttribute({ id });
        return this.remember(label, algorithm, id, spki, pair.privateKey);
      } catch (error) {
        // A pair without its CKA_ID is no pair: leave nothing half-made behind for the next attempt.
        this.destroyQuietly(pair.privateKey, pair.publicKey);
        throw error instanceof KeyStoreError ? error : wrap(`completing key pair ${label}`, error);
      }
    });
  }

  /**
   * The key pair labelled `label`, or undefined when the token has no key of that label. A pair
   * left incomplete (a generation interrupted before both halves carried their CKA_ID, a public
   * half missing or unreadable) is an IncompleteKeyPairError: `destroyKeyPair` clears it.
   */
  findKeyPair(label: string): Promise<TokenKeyPair | undefined> {
    return this.exclusive(async () => {
      const cached = this.keyPairs.get(label);
      if (cached) return cached;
      const privateKeys = this.session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label });
      const publicKeys = this.session.find({ class: graphene.ObjectClass.PUBLIC_KEY, label });
      if (privateKeys.length === 0 && publicKeys.length === 0) return undefined;
      const incomplete = (why: string) => new IncompleteKeyPairError(`token ${this.tokenLabel}: key pair ${label} is incomplete (${why})`);
      if (privateKeys.length !== 1 || publicKeys.length !== 1) {
        throw incomplete(`${privateKeys.length} private and ${publicKeys.length} public key objects`);
      }
      const privateKey = privateKeys.items(0);
      const publicKey = publicKeys.items(0).toType<graphene.PublicKey>();
      try {
        const id = privateKey.getAttribute('id') as Buffer;
        if (!Buffer.isBuffer(id) || id.length === 0) throw incomplete('no CKA_ID');
        if (!id.equals(publicKey.getAttribute('id') as Buffer)) throw incomplete('the halves carry different CKA_IDs');
        const algorithm = keyAlgorithmOnToken(publicKey);
        return this.remember(label, algorithm, id, publicKeyInfo(publicKey, algorithm), privateKey);
      } catch (error) {
        if (error instanceof IncompleteKeyPairError) throw error;
        // The public half's attributes do not decode (e.g. truncated CKA_EC_POINT): not a pair we can use.
        if (error instanceof DerError || error instanceof KeyStoreError) throw incomplete(error.message);
        throw error;
      }
    });
  }

  /** Destroys every key object labelled `label` (both halves, complete or not); returns how many. */
  destroyKeyPair(label: string): Promise<number> {
    return this.exclusive(async () => {
      this.keyPairs.delete(label);
      let destroyed = 0;
      for (const objectClass of [graphene.ObjectClass.PRIVATE_KEY, graphene.ObjectClass.PUBLIC_KEY]) {
        try {
          destroyed += this.session.destroy({ class: objectClass, label });
        } catch (error) {
          throw wrap(`C_DestroyObject on ${label}`, error);
        }
      }
      return destroyed;
    });
  }

  /** Writes a certificate on the token beside the key it certifies (same CKA_ID), as a public object. */
  storeCertificate(label: string, certificate: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      this.session.create({ ...certificateObjectAttributes(certificate), token: true, private: false, label });
    });
  }

  /** DER of the certificates on the token, with their labels. */
  certificates(): Promise<{ label: string; id: Buffer; der: Buffer }[]> {
    return this.exclusive(async () => {
      const found = this.session.find({ class: graphene.ObjectClass.CERTIFICATE });
      const out: { label: string; id: Buffer; der: Buffer }[] = [];
      for (let i = 0; i < found.length; i++) {
        const object = found.items(i);
        out.push({
          label: object.getAttribute('label') as string,
          id: object.getAttribute('id') as Buffer,
          der: object.getAttribute('value') as Buffer,
        });
      }
      return out;
    });
  }

  /**
   * Sets the user PIN (the holder's activation code, contract §5) as the Security Officer:
   * C_InitPIN. The PIN goes to the token and nowhere else.
   */
  setUserPin(soPin: string, newPin: string): Promise<void> {
    return this.exclusive(async () => {
      this.logoutQuietly();
      try {
        this.session.login(soPin, graphene.UserType.SO);
      } catch (error) {
        throw wrap('C_Login (SO)', error);
      }
      try {
        this.session.initPin(newPin);
      } catch (error) {
        throw wrap('C_InitPIN', error);
      } finally {
        this.logoutQuietly();
      }
    });
  }

  /** Changes the user PIN knowing the old one (C_SetPIN); the holder's own operation. */
  changeUserPin(oldPin: string, newPin: string): Promise<void> {
    return this.exclusive(async () => {
      try {
        this.session.setPin(oldPin, newPin);
      } catch (error) {
        throw wrap('C_SetPIN', error);
      }
    });
  }

  login(pin: string): Promise<void> {
    return this.exclusive(async () => {
      try {
        this.session.login(pin, graphene.UserType.USER);
      } catch (error) {
        throw wrap('C_Login', error);
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.keyPairs.clear();
      this.logoutQuietly();
      this.session.close();
    });
  }

  private remember(
    label: string,
    algorithm: KeyAlgorithm,
    id: Buffer,
    publicKey: Buffer,
    privateKey: graphene.SessionObject,
  ): TokenKeyPair {
    const key = privateKey.toType<graphene.PrivateKey>();
    const keyPair: TokenKeyPair = {
      label,
      id,
      algorithm,
      publicKey,
      sign: (data) => this.exclusive(() => this.signNow(key, algorithm, data)),
    };
    this.keyPairs.set(label, keyPair);
    return keyPair;
  }

  private async signNow(key: graphene.PrivateKey, algorithm: KeyAlgorithm, data: Uint8Array): Promise<Buffer> {
    const { kind, hash } = signatureSchemeFor(algorithm);
    // SoftHSM 2.6 has no CKM_ECDSA_SHA256: hash here, sign the digest with CKM_ECDSA (PKCS#11 §2.3.6).
    const mechanism = kind === 'ecdsa' ? 'ECDSA' : hash === 'sha256' ? 'SHA256_RSA_PKCS' : 'SHA384_RSA_PKCS';
    const input = kind === 'ecdsa' ? createHash(hash).update(data).digest() : Buffer.from(data);
    const signature = await new Promise<Buffer>((resolve, reject) => {
      try {
        this.session
          .createSign(mechanism, key)
          .once(input, (error, result) => (error ? reject(wrap('C_Sign', error)) : resolve(result)));
      } catch (error) {
        reject(wrap('C_SignInit', error));
      }
    });
    return kind === 'ecdsa' ? ecdsaSignatureToDer(signature) : signature;
  }

  private destroyQuietly(...objects: graphene.SessionObject[]): void {
    for (const object of objects) {
      try {
        object.destroy();
      } catch {
        // already gone, or the session is broken: findKeyPair reports what is left
      }
    }
  }

  private findPrivateKey(label: string): graphene.SessionObject | undefined {
    const found = this.session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label });
    return found.length ? found.items(0) : undefined;
  }

  private logoutQuietly(): void {
    try {
      this.session.logout();
    } catch (error) {
      if ((error as { code?: number }).code !== CKR_USER_NOT_LOGGED_IN) throw wrap('C_Logout', error);
    }
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function keyAlgorithmOnToken(publicKey: graphene.PublicKey): KeyAlgorithm {
  const keyType = publicKey.getAttribute('keyType') as number;
  if (keyType === graphene.KeyType.RSA) {
    const modulus = publicKey.getAttribute('modulus') as Buffer;
    const name = `RSA-${modulus.length * 8}`;
    if (name === 'RSA-2048' || name === 'RSA-3072' || name === 'RSA-4096') return name;
    throw new KeyStoreError(`unsupported RSA key size ${modulus.length * 8} on token`);
  }
  // CKA_EC_PARAMS and CKA_ECDSA_PARAMS are the same attribute (0x180): graphene reads it back under
  // the name `paramsECDSA`, so a lookup by the name `paramsEC` finds nothing on a key loaded from the token.
  const attributes = publicKey.getAttribute({ paramsEC: null }) as { paramsEC?: Buffer; paramsECDSA?: Buffer };
  const parameters = attributes.paramsEC ?? attributes.paramsECDSA;
  if (!parameters) throw new KeyStoreError('EC public key without CKA_EC_PARAMS on token');
  const curve = readOid(parameters, readNode(parameters, 0));
  if (curve === OID.prime256v1) return 'P-256';
  if (curve === OID.secp384r1) return 'P-384';
  throw new KeyStoreError(`unsupported curve ${curve} on token`);
}

function publicKeyInfo(publicKey: graphene.SessionObject, algorithm: KeyAlgorithm): Buffer {
  if (rsaModulusBits(algorithm)) {
    return rsaSpki(publicKey.getAttribute('modulus') as Buffer, publicKey.getAttribute('publicExponent') as Buffer);
  }
  const point = publicKey.getAttribute('pointEC') as Buffer;
  // PKCS#11 v2.40 §2.3.3: CKA_EC_POINT is a DER OCTET STRING; some tokens give the raw point.
  const rawLength = algorithm === 'P-256' ? 65 : 97;
  const raw = point.length === rawLength && point[0] === 0x04 ? point : contentOf(point, readNode(point, 0));
  return ecSpki(algorithm as 'P-256' | 'P-384', raw);
}

function wrap(operation: string, error: unknown): KeyStoreError {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new KeyStoreError(`${operation} failed: ${message}`, { cause: error });
}

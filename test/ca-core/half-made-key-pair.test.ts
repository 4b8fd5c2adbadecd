import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import {
  IncompleteKeyPairError,
  Pkcs11Library,
  type Pkcs11Token,
  findOrGenerateHolderKeyPair,
  holderKeyLabel,
  setActivationCode,
} from '#libs/ca-core';
import { createSoftHsm, type SoftHsm } from './support/softhsm.js';

const SO_PIN = '00000000';
const USER_PIN = '314159';
/** DER of the OID of P-256 (1.2.840.10045.3.1.7), as CKA_EC_PARAMS. */
const P256 = Buffer.from('06082a8648ce3d030107', 'hex');

/**
 * A personalisation interrupted between C_GenerateKeyPair and the CKA_ID that binds the halves
 * (seen under load: CKR_OBJECT_HANDLE_INVALID there, then every retry failed on the half-made
 * pair). The next attempt finds the partial objects, destroys them and generates the pair again.
 */
describe('a holder token left with a half-made key pair (SoftHSM)', () => {
  let softHsm: SoftHsm;
  let library: Pkcs11Library;
  let token: Pkcs11Token;
  const label = holderKeyLabel('signature');

  /** Objects made through graphene directly, as an interrupted personalisation leaves them. */
  function withRawSession(work: (session: graphene.Session) => void): void {
    const slots = graphene.Module.load(softHsm.library).getSlots(true);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots.items(i);
      if (slot.getToken().label.trim() !== 'half-made') continue;
      const session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
      try {
        work(session);
      } finally {
        session.close();
      }
      return;
    }
    throw new Error('token not found');
  }
  /** C_GenerateKeyPair without the CKA_ID step that completes the pair. */
  const generateWithoutId = () =>
    withRawSession((session) => {
      session.generateKeyPair(
        graphene.KeyGenMechanism.EC,
        { token: true, label, keyType: graphene.KeyType.EC, verify: true, paramsEC: P256 },
        { token: true, label, keyType: graphene.KeyType.EC, private: true, sensitive: true, extractable: false, sign: true },
      );
    });
  const keyObjects = () => {
    let count = { private: 0, public: 0 };
    withRawSession((session) => {
      count = {
        private: session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label }).length,
        public: session.find({ class: graphene.ObjectClass.PUBLIC_KEY, label }).length,
      };
    });
    return count;
  };
  /** The recovered pair signs, and its public key verifies the signature: a whole pair. */
  const expectWorkingPair = async () => {
    const pair = await findOrGenerateHolderKeyPair(token, 'signature', 'P-256');
    const signature = await pair.sign(Buffer.from('liasse fiscale'));
    const publicKey = createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from('liasse fiscale'), publicKey, signature)).toBe(true);
    expect(keyObjects()).toEqual({ private: 1, public: 1 });
    return pair;
  };

  beforeAll(async () => {
    softHsm = await createSoftHsm();
    library = Pkcs11Library.load(softHsm.library);
    library.initializeToken('half-made', SO_PIN);
    token = library.openToken({ tokenLabel: 'half-made' });
    await setActivationCode(token, SO_PIN, USER_PIN);
    await token.login(USER_PIN);
  });

  afterAll(async () => {
    await token?.close();
    library?.close();
    await softHsm?.remove();
  });

  it('reports a pair whose halves never got their CKA_ID as incomplete, then destroys and regenerates it', async () => {
    generateWithoutId();
    await expect(token.findKeyPair(label)).rejects.toBeInstanceOf(IncompleteKeyPairError);
    await expectWorkingPair();
    await token.destroyKeyPair(label);
  });

  it('recovers from a private half left alone (its public half gone)', async () => {
    generateWithoutId();
    withRawSession((session) => session.destroy({ class: graphene.ObjectClass.PUBLIC_KEY, label }));
    expect(keyObjects()).toEqual({ private: 1, public: 0 });
    await expect(token.findKeyPair(label)).rejects.toMatchObject({ code: 'KEY_PAIR_INCOMPLETE', retryable: false });
    await expectWorkingPair();
    await token.destroyKeyPair(label);
  });

  it('recovers from two attempts left on the token (two private and two public halves)', async () => {
    generateWithoutId();
    generateWithoutId();
    expect(keyObjects()).toEqual({ private: 2, public: 2 });
    await expectWorkingPair();
  });

  it('keeps a whole pair as it is: a retried issuance certifies the key it generated first', async () => {
    const first = await token.findKeyPair(label);
    const again = library.openToken({ tokenLabel: 'half-made' });
    try {
      const found = await findOrGenerateHolderKeyPair(again, 'signature', 'P-256');
      expect(found.publicKey.equals(first!.publicKey)).toBe(true);
      expect(keyObjects()).toEqual({ private: 1, public: 1 });
    } finally {
      await again.close();
      await token.login(USER_PIN);
    }
  });
});

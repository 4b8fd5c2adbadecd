import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as graphene from 'graphene-pk11';
import {
  KeyStoreError,
  Pkcs11Library,
  type Pkcs11Token,
  createHolderCertificationRequest,
  generateHolderKeyPair,
  generateSerialNumber,
  parseCertificate,
  setActivationCode,
  storeHolderCertificate,
  toPem,
} from '#libs/ca-core';
import { openssl } from './support/openssl.js';
import { writeCertificate } from './support/files.js';
import { type PkiFixture, createPkiFixture, holderRegistration } from './support/pki-fixture.js';
import { createSoftHsm, type SoftHsm } from './support/softhsm.js';

const SO_PIN = '00000000';
const ACTIVATION_CODE = '314159';

/** Personalising a holder's token on SoftHSM: keys on the token, CSR signed there, certificates written back, PIN set. */
describe('holder token personalisation over PKCS#11', () => {
  let pki: PkiFixture;
  let softHsm: SoftHsm;
  let library: Pkcs11Library;
  let token: Pkcs11Token;
  const holder = holderRegistration({ firm: undefined, registrationNumber: '69-987654', region: 'IDF' });

  beforeAll(async () => {
    pki = await createPkiFixture('software', { regions: ['IDF'] });
    softHsm = await createSoftHsm();
    library = Pkcs11Library.load(softHsm.library);
    library.initializeToken('holder-token', SO_PIN);
    token = library.openToken({ tokenLabel: 'holder-token' });
    await setActivationCode(token, SO_PIN, ACTIVATION_CODE);
    await token.login(ACTIVATION_CODE);
  });

  afterAll(async () => {
    await token?.close();
    library?.close();
    await softHsm?.remove();
    await pki?.close();
  });

  it('generates both key pairs on the token, non-extractable, and certifies them from token-signed CSRs', async () => {
    const issuer = pki.hierarchy.issuing.get('IDF')!.issuer;
    await writeCertificate(pki.directory, 'root.pem', pki.hierarchy.root);
    await writeCertificate(pki.directory, 'idf.pem', pki.hierarchy.issuing.get('IDF')!.ca);
    for (const [profile, algorithm] of [['signature', 'RSA-2048'], ['authentication', 'P-256']] as const) {
      const keyPair = await generateHolderKeyPair(token, profile, algorithm);
      const csr = await createHolderCertificationRequest(holder, keyPair);
      const certificate = await issuer.issue({ profile, csr, holder, serial: generateSerialNumber(), now: new Date() });
      await storeHolderCertificate(token, profile, certificate.certificatePem);
      await writeFile(join(pki.directory, `${profile}.pem`), certificate.certificatePem);
      const verified = await openssl(['verify', '-x509_strict', '-CAfile', 'root.pem', '-untrusted', 'idf.pem', `${profile}.pem`], pki.directory);
      expect(verified.output).toContain(`${profile}.pem: OK`);
    }
    const onToken = await token.certificates();
    expect(onToken.map((c) => c.label).sort()).toEqual(['signexpert-authentication', 'signexpert-signature']);
    const signatureKey = await token.findKeyPair('signexpert-signature');
    const stored = onToken.find((c) => c.label === 'signexpert-signature')!;
    expect(stored.id.equals(signatureKey!.id)).toBe(true);
    expect(parseCertificate(stored.der).subjectPublicKeyInfo.equals(signatureKey!.publicKey)).toBe(true);
    expect(toPem(stored.der, 'CERTIFICATE')).toContain('BEGIN CERTIFICATE');
  });

  it('keeps private keys sensitive and non-extractable (checked through graphene directly)', () => {
    const module = graphene.Module.load(softHsm.library);
    // Already initialised by Pkcs11Library in this process: use its slots without C_Initialize.
    const slots = module.getSlots(true);
    let checked = 0;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots.items(i);
      if (slot.getToken().label.trim() !== 'holder-token') continue;
      const session = slot.open(graphene.SessionFlag.SERIAL_SESSION);
      const keys = session.find({ class: graphene.ObjectClass.PRIVATE_KEY });
      for (let k = 0; k < keys.length; k++) {
        const attributes = keys.items(k).getAttribute({ sensitive: null, extractable: null, neverExtractable: null, token: null });
        expect(attributes).toMatchObject({ sensitive: true, extractable: false, neverExtractable: true, token: true });
        checked++;
      }
      session.close();
    }
    expect(checked).toBe(2);
  });

  it('finds the key pairs again in a new session, as a retried issuance does', async () => {
    // A new session with no key cached (the user login is shared by the token's sessions).
    const again = library.openToken({ tokenLabel: 'holder-token' });
    try {
      for (const profile of ['signature', 'authentication'] as const) {
        const found = await again.findKeyPair(`signexpert-${profile}`);
        const stored = (await token.certificates()).find((c) => c.label === `signexpert-${profile}`)!;
        expect(parseCertificate(stored.der).subjectPublicKeyInfo.equals(found!.publicKey)).toBe(true);
      }
    } finally {
      await again.close(); // logs the token out, for every session
      await token.login(ACTIVATION_CODE);
    }
  });

  it('refuses a second key under the same label (token keys are never replaced)', async () => {
    await expect(generateHolderKeyPair(token, 'signature')).rejects.toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
  });

  it('changes the user PIN: the old activation code stops working, the new one works', async () => {
    await token.changeUserPin(ACTIVATION_CODE, '271828');
    const again = library.openToken({ tokenLabel: 'holder-token' });
    try {
      await expect(again.login(ACTIVATION_CODE)).rejects.toBeInstanceOf(KeyStoreError);
      await expect(again.login(ACTIVATION_CODE)).rejects.not.toThrow(ACTIVATION_CODE);
    } finally {
      await again.close();
    }
  });
});

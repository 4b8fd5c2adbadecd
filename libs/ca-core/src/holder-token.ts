import type { CertificateProfileName, HolderRegistration } from '#libs/domain';
import type { KeyAlgorithm } from './algorithms.js';
import { createCertificationRequest } from './certification-request.js';
import { IncompleteKeyPairError } from './errors.js';
import { encodeName, holderSubjectAttributes } from './names.js';
import { toDer } from './pem.js';
import type { Signer } from './key-store.js';
import type { Pkcs11Token, TokenKeyPair } from './pkcs11-token.js';

/**
 * Personalising a holder's token (DESIGN.md "Issuing"): one key pair per profile generated on
 * the token, a CSR signed there (proof of possession), the certificates written back beside
 * their keys, and the activation code set as the user PIN.
 */

export const holderKeyLabel = (profile: CertificateProfileName): string => `signexpert-${profile}`;

export function generateHolderKeyPair(
  token: Pkcs11Token,
  profile: CertificateProfileName,
  algorithm: KeyAlgorithm = 'P-256',
): Promise<TokenKeyPair> {
  return token.generateKeyPair(holderKeyLabel(profile), algorithm);
}

/**
 * The profile's key pair on the token, made if the token has none. A pair left half-made by an
 * interrupted personalisation (a crash, a token pulled out) is destroyed and made again: it was
 * never certified, since a certificate is requested only once both halves exist.
 */
export async function findOrGenerateHolderKeyPair(
  token: Pkcs11Token,
  profile: CertificateProfileName,
  algorithm: KeyAlgorithm = 'P-256',
): Promise<TokenKeyPair> {
  try {
    const existing = await token.findKeyPair(holderKeyLabel(profile));
    if (existing) return existing;
  } catch (error) {
    if (!(error instanceof IncompleteKeyPairError)) throw error;
    await token.destroyKeyPair(holderKeyLabel(profile));
  }
  return generateHolderKeyPair(token, profile, algorithm);
}

/** The CSR the CA expects: subject exactly as `holderSubjectAttributes` derives it from the registration. */
export function createHolderCertificationRequest(holder: HolderRegistration, key: Signer): Promise<Buffer> {
  return createCertificationRequest(encodeName(holderSubjectAttributes(holder)), key);
}

export function storeHolderCertificate(
  token: Pkcs11Token,
  profile: CertificateProfileName,
  certificate: Uint8Array | string,
): Promise<void> {
  return token.storeCertificate(holderKeyLabel(profile), toDer(certificate, 'CERTIFICATE'));
}

/** Label of the issuing CA's certificate on a holder token (no key beside it). */
export const ISSUING_CA_CERTIFICATE_LABEL = 'signexpert-issuing-ca';

/**
 * Writes the regional CA's certificate on the token, as the holder's middleware expects of a
 * personalised token: signing software embeds it in each signature, so a relying party needs only
 * the profession's root (contract §10.2).
 */
export function storeIssuingCaCertificate(token: Pkcs11Token, certificate: Uint8Array | string): Promise<void> {
  return token.storeCertificate(ISSUING_CA_CERTIFICATE_LABEL, toDer(certificate, 'CERTIFICATE'));
}

/**
 * Sets the activation code (contract §5) as the token's user PIN. The code is passed through to
 * C_InitPIN and nowhere else: the caller prints it on the letter and forgets it (contract §7.2).
 */
export function setActivationCode(token: Pkcs11Token, soPin: string, activationCode: string): Promise<void> {
  return token.setUserPin(soPin, activationCode);
}

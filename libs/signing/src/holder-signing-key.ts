import { type Pkcs11Token, type TokenKeyPair, holderKeyLabel, parseCertificate } from '#libs/ca-core';
import type { CertificateProfileName } from '#libs/domain';
import { certificateProfile } from '#libs/verification';

/** A key on the holder's token with the certificate written beside it at issuance. */
export interface HolderKey {
  readonly key: TokenKeyPair;
  readonly certificate: Buffer;
  /**
   * The issuing CA's certificate when the token carries it (issuance writes it; a token
   * personalised before that has none): embedded in signatures, so a verifier needs only the root.
   */
  readonly chain: Buffer[];
}

/** Why the token will not sign: a clear sentence for the holder, never a PKCS#11 code alone. */
export class SigningRefusedError extends Error {
  override readonly name = 'SigningRefusedError';
}

export const AUTHENTICATION_KEY_REFUSAL =
  'the authentication key does not sign documents (contract §8.2: each certificate has one use; sign with the signature key)';

/**
 * The key a holder signs documents with: the signature key, and only if the certificate beside
 * it is a signature certificate (contract §8.2). The authentication key is refused here; a
 * verifier would report a signature made with it invalid anyway.
 */
export async function holderSignatureKey(token: Pkcs11Token, profile: CertificateProfileName = 'signature'): Promise<HolderKey> {
  if (profile !== 'signature') throw new SigningRefusedError(AUTHENTICATION_KEY_REFUSAL);
  const found = await holderKey(token, 'signature');
  if (certificateProfile(found.certificate) !== 'signature') {
    throw new SigningRefusedError(`the certificate beside the signature key on token ${token.tokenLabel} is not a signature certificate (contract §8.2)`);
  }
  return found;
}

/** Either key of the token with its certificate, without the §8.2 rule: for tests that must prove the verifier applies it. */
export async function holderKey(token: Pkcs11Token, profile: CertificateProfileName): Promise<HolderKey> {
  const label = holderKeyLabel(profile);
  const key = await token.findKeyPair(label);
  if (!key) throw new SigningRefusedError(`token ${token.tokenLabel} has no ${profile} key (${label})`);
  const onToken = await token.certificates();
  const certificate = onToken.find((candidate) => candidate.id.equals(key.id));
  if (!certificate) throw new SigningRefusedError(`token ${token.tokenLabel} has no certificate beside its ${profile} key`);
  const issuer = parseCertificate(certificate.der).issuer;
  const chain = onToken.filter((candidate) => candidate !== certificate && parseCertificate(candidate.der).subject.equals(issuer)).map((c) => c.der);
  return { key, certificate: certificate.der, chain };
}

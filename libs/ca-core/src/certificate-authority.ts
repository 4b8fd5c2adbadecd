import { signatureSchemeFor } from './algorithms.js';
import { type ParsedCertificate, parseCertificate } from './certificate-reader.js';
import { HierarchyStateError, IssuerValidityError } from './errors.js';
import type { CaSigningKey } from './key-store.js';
import { OID } from './oids.js';
import { contentOf, readRoot } from './der.js';
import { keyIdentifier } from './public-keys.js';

/** A CA certificate with the key that signs under it. */
export interface CertificateAuthority {
  /** "root", a region code, or "ocsp-<region>" for a delegated OCSP responder. */
  readonly name: string;
  readonly certificate: ParsedCertificate;
  readonly key: CaSigningKey;
  /** The subjectKeyIdentifier, written as authorityKeyIdentifier in what this CA signs. */
  readonly keyIdentifier: Buffer;
  /** signatureAlgorithm AlgorithmIdentifier DER of this CA's key. */
  readonly signatureAlgorithm: Buffer;
}

/** Pairs a certificate with its key, refusing a key that is not the certified one. */
export function certificateAuthority(name: string, certificateDer: Uint8Array, key: CaSigningKey): CertificateAuthority {
  const certificate = parseCertificate(certificateDer);
  if (!certificate.subjectPublicKeyInfo.equals(key.publicKey)) {
    throw new HierarchyStateError(`the key ${key.keyId} is not the key certified in the ${name} certificate`);
  }
  const ski = certificate.extensions.get(OID.subjectKeyIdentifier);
  return {
    name,
    certificate,
    key,
    keyIdentifier: ski ? contentOf(ski.value, readRoot(ski.value)) : keyIdentifier(key.publicKey),
    signatureAlgorithm: signatureSchemeFor(key.algorithm).algorithmIdentifier,
  };
}

/** RFC 5280 §4.1.2.5: a CA must not sign outside its own validity. */
export function assertValidAt(ca: CertificateAuthority, now: Date): void {
  const { notBefore, notAfter } = ca.certificate;
  if (now < notBefore || now > notAfter) {
    throw new IssuerValidityError(
      `CA ${ca.name} is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not at ${now.toISOString()}`,
    );
  }
}


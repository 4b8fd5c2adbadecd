import { bitString, explicit, sequence, time } from './der.js';
import type { Signer } from './key-store.js';

/** [0] EXPLICIT Version v3 (RFC 5280 §4.1.2.1). */
const VERSION_3 = explicit(0, Buffer.of(0x02, 0x01, 0x02));

/** What changes from one certificate to the next. */
export interface TbsVariableFields {
  /** serialNumber INTEGER, DER. */
  readonly serialNumber: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Name DER. */
  readonly subject: Buffer;
  readonly subjectPublicKeyInfo: Buffer;
  /** Extensions specific to this certificate (SKI, subjectAltName), encoded. */
  readonly extensions: readonly Buffer[];
}

/**
 * A TBSCertificate with everything an issuer repeats pre-encoded: version, signature
 * algorithm, issuer name and the profile's fixed extensions (AKI, keyUsage, extKeyUsage,
 * certificatePolicies, CRL DP, AIA). Issuing a certificate is then a handful of buffer copies
 * around the variable fields, instead of a generic ASN.1 tree walk per certificate.
 */
export class CertificateTemplate {
  private readonly fixedExtensions: Buffer;

  constructor(
    readonly signatureAlgorithm: Buffer,
    readonly issuer: Buffer,
    fixedExtensions: readonly Buffer[],
  ) {
    this.fixedExtensions = Buffer.concat(fixedExtensions);
  }

  encodeTbs(fields: TbsVariableFields): Buffer {
    return sequence(
      VERSION_3,
      fields.serialNumber,
      this.signatureAlgorithm,
      this.issuer,
      sequence(time(fields.notBefore), time(fields.notAfter)),
      fields.subject,
      fields.subjectPublicKeyInfo,
      explicit(3, sequence(...fields.extensions, this.fixedExtensions)),
    );
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
export function assembleSigned(tbs: Uint8Array, signatureAlgorithm: Uint8Array, signature: Uint8Array): Buffer {
  return sequence(tbs, signatureAlgorithm, bitString(signature));
}

/** Signs a TBS structure (certificate, CRL or OCSP ResponseData) and wraps it the X.509 way. */
export async function signStructure(tbs: Uint8Array, signatureAlgorithm: Uint8Array, signer: Signer): Promise<Buffer> {
  return assembleSigned(tbs, signatureAlgorithm, await signer.sign(tbs));
}

import {
  bitString,
  explicit,
  generalizedTime,
  ia5String,
  implicitPrimitive,
  integer,
  enumerated,
  NULL,
  octetString,
  oid,
  sequence,
  TRUE,
} from './der.js';
import { OID } from './oids.js';

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } (RFC 5280 §4.1). */
export function extension(extensionOid: string, critical: boolean, value: Uint8Array): Buffer {
  return critical
    ? sequence(oid(extensionOid), TRUE, octetString(value))
    : sequence(oid(extensionOid), octetString(value));
}

export type KeyUsageBit =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

const KEY_USAGE_BITS: Record<KeyUsageBit, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

/** keyUsage, always critical (RFC 5280 §4.2.1.3 SHOULD; ETSI EN 319 412-2 §4.3.2 requires it). */
export function keyUsage(bits: readonly KeyUsageBit[]): Buffer {
  let byte = 0;
  let highest = 0;
  for (const bit of bits) {
    byte |= 0x80 >> KEY_USAGE_BITS[bit];
    highest = Math.max(highest, KEY_USAGE_BITS[bit]);
  }
  // DER named bit list: trailing zero bits are dropped (X.690 §11.2.2).
  return extension(OID.keyUsage, true, bitString(Buffer.of(byte), 7 - highest));
}

/** basicConstraints, critical in CA certificates (RFC 5280 §4.2.1.9). */
export function basicConstraints(ca: boolean, pathLength?: number): Buffer {
  const fields = ca ? [TRUE, ...(pathLength === undefined ? [] : [integer(pathLength)])] : [];
  return extension(OID.basicConstraints, true, sequence(...fields));
}

export const subjectKeyIdentifier = (keyId: Uint8Array): Buffer =>
  extension(OID.subjectKeyIdentifier, false, octetString(keyId));

/** authorityKeyIdentifier with keyIdentifier [0] only (RFC 5280 §4.2.1.1). */
export const authorityKeyIdentifier = (keyId: Uint8Array): Buffer =>
  extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyId)));

export const extendedKeyUsage = (purposes: readonly string[]): Buffer =>
  extension(OID.extKeyUsage, false, sequence(...purposes.map((purpose) => oid(purpose))));

export interface PolicyReference {
  /** Policy OID of the published Certificate Policy ("PC"). */
  readonly oid: string;
  /** URI of the CPS/policy document (contract §3.3: reachable from the certificate). */
  readonly cpsUri?: string;
}

/** certificatePolicies with an optional id-qt-cps qualifier per policy (RFC 5280 §4.2.1.4). */
export function certificatePolicies(policies: readonly PolicyReference[]): Buffer {
  return extension(
    OID.certificatePolicies,
    false,
    sequence(
      ...policies.map(({ oid: policyOid, cpsUri }) =>
        cpsUri
          ? sequence(oid(policyOid), sequence(sequence(oid(OID.cpsQualifier), ia5String(cpsUri))))
          : sequence(oid(policyOid)),
      ),
    ),
  );
}

/** subjectAltName with one rfc822Name [1] (RFC 5280 §4.2.1.6). */
export const subjectAltNameEmail = (email: string): Buffer =>
  extension(OID.subjectAltName, false, sequence(implicitPrimitive(1, Buffer.from(email, 'latin1'))));

/** One DistributionPoint with fullName = uniformResourceIdentifier (RFC 5280 §4.2.1.13). */
export const crlDistributionPoint = (url: string): Buffer =>
  extension(
    OID.cRLDistributionPoints,
    false,
    sequence(sequence(explicit(0, explicit(0, implicitPrimitive(6, Buffer.from(url, 'latin1')))))),
  );

/** authorityInfoAccess: OCSP responder and caIssuers URLs (RFC 5280 §4.2.2.1). */
export function authorityInfoAccess(urls: { ocsp?: string; caIssuers?: string }): Buffer {
  const descriptions: Buffer[] = [];
  if (urls.ocsp) descriptions.push(sequence(oid(OID.ocspAccess), implicitPrimitive(6, Buffer.from(urls.ocsp, 'latin1'))));
  if (urls.caIssuers) {
    descriptions.push(sequence(oid(OID.caIssuersAccess), implicitPrimitive(6, Buffer.from(urls.caIssuers, 'latin1'))));
  }
  return extension(OID.authorityInfoAccess, false, sequence(...descriptions));
}

/** id-pkix-ocsp-nocheck: clients need not check the responder certificate's status (RFC 6960 §4.2.2.2.1). */
export const ocspNoCheck = (): Buffer => extension(OID.ocspNoCheck, false, NULL);

export const crlNumber = (value: bigint): Buffer => extension(OID.cRLNumber, false, integer(value));

export const reasonCode = (code: number): Buffer => extension(OID.reasonCode, false, enumerated(code));

/** invalidityDate is a GeneralizedTime whatever the year (RFC 5280 §5.3.2). */
export const invalidityDate = (date: Date): Buffer => extension(OID.invalidityDate, false, generalizedTime(date));


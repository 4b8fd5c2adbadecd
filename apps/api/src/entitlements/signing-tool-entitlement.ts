import { OID, type ParsedCertificate } from '#libs/ca-core';

/** Why a certificate does not open the signing software; stable codes the software can act on. */
export type RefusalReason =
  | 'not-issued-by-signexpert'
  | 'not-a-signature-certificate'
  | 'not-yet-valid'
  | 'expired'
  | 'revoked';

export interface SigningToolEntitlement {
  entitled: boolean;
  /** Empty when entitled; every reason that applies otherwise. */
  reasons: RefusalReason[];
  /** Upper-case hex, as ca-core normalises serials. */
  serial: string;
  /** What the certificate is by its keyUsage: our signature profile, our authentication profile, or neither. */
  profile: 'signature' | 'authentication' | null;
  notAfter: string;
}

/** The issued certificate as our records hold it: null when the serial is unknown or its bytes differ. */
export interface IssuedCertificate {
  revokedAt: Date | null;
}

const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1 } as const;

/**
 * Contract §6.3 and §13.2: the full signing software is licensed to holders of a signature
 * certificate of ours that is valid now. Each certificate has one use only (§8.2): an
 * authentication certificate does not entitle, even a valid one.
 */
export function signingToolEntitlement(certificate: ParsedCertificate, issued: IssuedCertificate | null, now: Date): SigningToolEntitlement {
  const profile = profileOf(certificate);
  const reasons: RefusalReason[] = [];
  if (!issued) reasons.push('not-issued-by-signexpert');
  if (profile !== 'signature') reasons.push('not-a-signature-certificate');
  if (now < certificate.notBefore) reasons.push('not-yet-valid');
  if (now >= certificate.notAfter) reasons.push('expired');
  if (issued?.revokedAt && issued.revokedAt <= now) reasons.push('revoked');
  return { entitled: reasons.length === 0, reasons, serial: certificate.serialNumber, profile, notAfter: certificate.notAfter.toISOString() };
}

/** Signature: nonRepudiation (contentCommitment) and nothing else; authentication: digitalSignature for clientAuth. */
function profileOf(certificate: ParsedCertificate): SigningToolEntitlement['profile'] {
  const bits = keyUsageBits(certificate);
  if (bits === null) return null;
  if (bits.size === 1 && bits.has(KEY_USAGE.nonRepudiation)) return 'signature';
  if (bits.has(KEY_USAGE.digitalSignature) && !bits.has(KEY_USAGE.nonRepudiation) && hasClientAuth(certificate)) return 'authentication';
  return null;
}

/** The named bits set in the keyUsage BIT STRING (RFC 5280 §4.2.1.3), or null without the extension. */
function keyUsageBits(certificate: ParsedCertificate): Set<number> | null {
  const value = certificate.extensions.get(OID.keyUsage)?.value;
  if (!value || value.length < 3 || value[0] !== 0x03 || value[1] !== value.length - 2) return null;
  const bits = new Set<number>();
  const bytes = value.subarray(3);
  for (let i = 0; i < bytes.length * 8; i++) if (bytes[i >> 3] & (0x80 >> (i & 7))) bits.add(i);
  return bits;
}

/** extKeyUsage contains id-kp-clientAuth: its OID's DER (06 08 2B 06 01 05 05 07 03 02) appears in the SEQUENCE. */
function hasClientAuth(certificate: ParsedCertificate): boolean {
  const value = certificate.extensions.get(OID.extKeyUsage)?.value;
  return !!value && value.includes(Buffer.from('06082b06010505070302', 'hex'));
}

import { Certificate } from 'pkijs';
import type { SignerProfile } from './verification-report.js';

const KEY_USAGE = '2.5.29.15';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const CERTIFICATE_POLICIES = '2.5.29.32';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
/** KeyUsage bit 1 (RFC 5280 §4.2.1.3), the most significant bit being bit 0. */
const NON_REPUDIATION_MASK = 0x40;

/**
 * Contract §8.2: a certificate is for signatures only with nonRepudiation and without clientAuth;
 * anything with clientAuth, or lacking nonRepudiation, is the authentication certificate.
 */
export function signerProfileOf(certificate: Certificate): SignerProfile {
  const keyUsage = extensionValue(certificate, KEY_USAGE) as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  const purposes = (extensionValue(certificate, EXTENDED_KEY_USAGE) as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
  if (!keyUsage?.valueBlock?.valueHexView) return purposes.includes(CLIENT_AUTH) ? 'authentication' : 'unknown';
  const nonRepudiation = ((keyUsage.valueBlock.valueHexView[0] ?? 0) & NON_REPUDIATION_MASK) !== 0;
  return nonRepudiation && !purposes.includes(CLIENT_AUTH) ? 'signature' : 'authentication';
}

/** The same rule for a DER certificate (what signing software checks before it signs). */
export function certificateProfile(der: Uint8Array): SignerProfile {
  return signerProfileOf(Certificate.fromBER(der));
}

export function certificatePolicies(certificate: Certificate): string[] {
  const policies = extensionValue(certificate, CERTIFICATE_POLICIES) as
    | { certificatePolicies?: { policyIdentifier: string }[] }
    | undefined;
  return policies?.certificatePolicies?.map((policy) => policy.policyIdentifier) ?? [];
}

function extensionValue(certificate: Certificate, oid: string): unknown {
  return certificate.extensions?.find((extension) => extension.extnID === oid)?.parsedValue;
}

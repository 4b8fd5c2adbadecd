import type { CertificateProfileName, RegionCode } from '#libs/domain';
import type { KeyAlgorithm } from './algorithms.js';
import type { KeyUsageBit, PolicyReference } from './extensions.js';
import { OID } from './oids.js';

/**
 * Policy OIDs live under an arc of our own. The default, 2.999.3386, sits in the X.660
 * "example" arc (2.999): it can collide with no real policy, and reads as a placeholder.
 * Production must configure the profession's registered arc (an IANA Private Enterprise
 * Number, 1.3.6.1.4.1.<PEN>, or its AFNOR arc under 1.2.250.1).
 *   <arc>.1.<version> = PC signature électronique
 *   <arc>.2.<version> = PC authentification
 */
export const DEFAULT_POLICY_ARC = '2.999.3386';

export interface PkiConfig {
  /** Public repository base, e.g. "http://pki.signexpert.fr"; CRLs, CA certificates and OCSP live under /pki. */
  readonly repositoryBaseUrl: string;
  /** Certificate policy per profile (contract §3.3: "PC signature", "PC authentification"). */
  readonly policies: Readonly<Record<CertificateProfileName, Required<PolicyReference>>>;
  /** Contract §13.1: certificates live two years. */
  readonly holderValidityMonths: number;
  readonly rootValidityYears: number;
  readonly issuingCaValidityYears: number;
  readonly ocspResponderValidityMonths: number;
  /** nextUpdate - thisUpdate of a CRL (24 h by default). */
  readonly crlValidityHours: number;
  /** nextUpdate - thisUpdate of an OCSP response. */
  readonly ocspValidityHours: number;
  readonly organizationName: string;
  readonly rootCommonName: string;
  /** Prefix of the issuing CAs' CN, followed by the region's name. */
  readonly issuingCaCommonNamePrefix: string;
  readonly rootKeyAlgorithm: KeyAlgorithm;
  readonly issuingCaKeyAlgorithm: KeyAlgorithm;
  readonly ocspResponderKeyAlgorithm: KeyAlgorithm;
}

export function defaultPkiConfig(overrides: Partial<PkiConfig> = {}): PkiConfig {
  const repositoryBaseUrl = (overrides.repositoryBaseUrl ?? 'http://pki.signexpert.example').replace(/\/+$/, '');
  return {
    repositoryBaseUrl,
    policies: {
      signature: { oid: `${DEFAULT_POLICY_ARC}.1.1`, cpsUri: `${repositoryBaseUrl}/pki/policies/pc-signature` },
      authentication: { oid: `${DEFAULT_POLICY_ARC}.2.1`, cpsUri: `${repositoryBaseUrl}/pki/policies/pc-authentification` },
    },
    holderValidityMonths: 24,
    rootValidityYears: 20,
    issuingCaValidityYears: 10,
    ocspResponderValidityMonths: 24,
    crlValidityHours: 24,
    ocspValidityHours: 24,
    organizationName: 'Ordre des experts-comptables',
    rootCommonName: 'SIGNEXPERT AC Racine Profession Comptable',
    issuingCaCommonNamePrefix: 'SIGNEXPERT AC',
    rootKeyAlgorithm: 'P-384',
    issuingCaKeyAlgorithm: 'P-256',
    ocspResponderKeyAlgorithm: 'P-256',
    ...overrides,
    // the trimmed base wins over an override with a trailing slash
    ...(overrides.repositoryBaseUrl ? { repositoryBaseUrl } : {}),
  };
}

/** Name of a CA in URLs, storage and key ids: "root" or a region code. */
export type CaName = 'root' | RegionCode;

export const crlUrl = (config: PkiConfig, ca: CaName): string => `${config.repositoryBaseUrl}/pki/crl/${ca}.crl`;
export const caCertificateUrl = (config: PkiConfig, ca: CaName): string => `${config.repositoryBaseUrl}/pki/ca/${ca}.crt`;
export const ocspUrl = (config: PkiConfig): string => `${config.repositoryBaseUrl}/pki/ocsp`;

export interface HolderProfile {
  readonly name: CertificateProfileName;
  readonly keyUsage: readonly KeyUsageBit[];
  readonly extendedKeyUsage: readonly string[];
  readonly policy: Required<PolicyReference>;
}

/**
 * The two holder profiles (ETSI EN 319 412-2 §4.3.2 key-usage types).
 *  - signature, type A: nonRepudiation (contentCommitment) alone — the legal e-signature of
 *    contract §8.1; no extKeyUsage, so no application reads it as an authentication key.
 *  - authentication, type C: digitalSignature alone, extKeyUsage clientAuth only. We leave
 *    emailProtection out: contract §8.2 says the authentication certificate "ne peut pas servir
 *    dans le cadre d'une signature électronique", and an S/MIME-capable certificate would let
 *    mail clients sign messages with it.
 */
export function holderProfile(config: PkiConfig, name: CertificateProfileName): HolderProfile {
  return name === 'signature'
    ? { name, keyUsage: ['nonRepudiation'], extendedKeyUsage: [], policy: config.policies.signature }
    : { name, keyUsage: ['digitalSignature'], extendedKeyUsage: [OID.clientAuth], policy: config.policies.authentication };
}

/** Calendar months later, in UTC; the 31st falls back to the month's last day (never rolls over). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Seconds precision: what the certificate can express (RFC 5280 §4.1.2.5). */
export function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

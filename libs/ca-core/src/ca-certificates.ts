import { REGIONS, type RegionCode } from '#libs/domain';
import { signatureSchemeFor } from './algorithms.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { type PkiConfig, addMonths, caCertificateUrl, crlUrl, truncateToSeconds } from './certificate-profiles.js';
import { CertificateTemplate, signStructure } from './certificate-template.js';
import {
  authorityInfoAccess,
  authorityKeyIdentifier,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoint,
  extendedKeyUsage,
  keyUsage,
  ocspNoCheck,
  subjectKeyIdentifier,
} from './extensions.js';
import type { CaSigningKey, Signer } from './key-store.js';
import { encodeName, type NameAttribute } from './names.js';
import { OID } from './oids.js';
import { keyIdentifier } from './public-keys.js';
import { encodeSerialNumber, generateSerialNumber } from './serial-numbers.js';

/** The CA certificates of the hierarchy: root, one issuing CA per region, one OCSP responder per issuing CA. */

export function rootSubject(config: PkiConfig): NameAttribute[] {
  return [
    { type: OID.countryName, value: 'FR' },
    { type: OID.organizationName, value: config.organizationName },
    { type: OID.commonName, value: config.rootCommonName },
  ];
}

export function issuingCaSubject(config: PkiConfig, region: RegionCode): NameAttribute[] {
  return [
    { type: OID.countryName, value: 'FR' },
    { type: OID.organizationName, value: config.organizationName },
    { type: OID.organizationalUnitName, value: `CROEC ${region}` },
    { type: OID.commonName, value: `${config.issuingCaCommonNamePrefix} ${REGIONS[region]}` },
  ];
}

export function ocspResponderSubject(config: PkiConfig, region: RegionCode): NameAttribute[] {
  return [
    { type: OID.countryName, value: 'FR' },
    { type: OID.organizationName, value: config.organizationName },
    { type: OID.organizationalUnitName, value: `CROEC ${region}` },
    { type: OID.commonName, value: `${config.issuingCaCommonNamePrefix} ${REGIONS[region]} OCSP` },
  ];
}

/** Self-signed root: keyCertSign + cRLSign, CA without path length limit (RFC 5280 §4.2.1.9). */
export async function createRootCertificate(key: CaSigningKey, config: PkiConfig, now: Date): Promise<Buffer> {
  const subject = encodeName(rootSubject(config));
  const notBefore = truncateToSeconds(now);
  const { algorithmIdentifier } = signatureSchemeFor(key.algorithm);
  const template = new CertificateTemplate(algorithmIdentifier, subject, [
    basicConstraints(true),
    keyUsage(['keyCertSign', 'cRLSign']),
  ]);
  const tbs = template.encodeTbs({
    serialNumber: encodeSerialNumber(generateSerialNumber()),
    notBefore,
    notAfter: addMonths(notBefore, 12 * config.rootValidityYears),
    subject,
    subjectPublicKeyInfo: key.publicKey,
    extensions: [subjectKeyIdentifier(keyIdentifier(key.publicKey))],
  });
  return signStructure(tbs, algorithmIdentifier, key);
}

/**
 * Issuing CA of a region: pathLenConstraint 0 (it certifies holders only), both holder policies,
 * CRL DP and caIssuers pointing at the root's published CRL and certificate.
 */
export async function createIssuingCaCertificate(
  root: CertificateAuthority,
  region: RegionCode,
  publicKey: Signer['publicKey'],
  config: PkiConfig,
  now: Date,
): Promise<Buffer> {
  const notBefore = truncateToSeconds(now);
  const template = new CertificateTemplate(root.signatureAlgorithm, root.certificate.subject, [
    authorityKeyIdentifier(root.keyIdentifier),
    basicConstraints(true, 0),
    keyUsage(['keyCertSign', 'cRLSign']),
    certificatePolicies([{ oid: config.policies.signature.oid }, { oid: config.policies.authentication.oid }]),
    crlDistributionPoint(crlUrl(config, 'root')),
    authorityInfoAccess({ caIssuers: caCertificateUrl(config, 'root') }),
  ]);
  const tbs = template.encodeTbs({
    serialNumber: encodeSerialNumber(generateSerialNumber()),
    notBefore,
    notAfter: earliest(addMonths(notBefore, 12 * config.issuingCaValidityYears), root.certificate.notAfter),
    subject: encodeName(issuingCaSubject(config, region)),
    subjectPublicKeyInfo: publicKey,
    extensions: [subjectKeyIdentifier(keyIdentifier(publicKey))],
  });
  return signStructure(tbs, root.signatureAlgorithm, root.key);
}

/**
 * Delegated OCSP responder (RFC 6960 §4.2.2.2): issued by the CA whose certificates it answers
 * for, extKeyUsage id-kp-OCSPSigning, and id-pkix-ocsp-nocheck so clients do not ask for its own
 * status (it therefore carries no CRL DP and lives shorter than the CA).
 */
export async function createOcspResponderCertificate(
  issuingCa: CertificateAuthority,
  region: RegionCode,
  publicKey: Signer['publicKey'],
  config: PkiConfig,
  now: Date,
): Promise<Buffer> {
  const notBefore = truncateToSeconds(now);
  const template = new CertificateTemplate(issuingCa.signatureAlgorithm, issuingCa.certificate.subject, [
    authorityKeyIdentifier(issuingCa.keyIdentifier),
    keyUsage(['digitalSignature']),
    extendedKeyUsage([OID.ocspSigning]),
    ocspNoCheck(),
  ]);
  const tbs = template.encodeTbs({
    serialNumber: encodeSerialNumber(generateSerialNumber()),
    notBefore,
    notAfter: earliest(addMonths(notBefore, config.ocspResponderValidityMonths), issuingCa.certificate.notAfter),
    subject: encodeName(ocspResponderSubject(config, region)),
    subjectPublicKeyInfo: publicKey,
    extensions: [subjectKeyIdentifier(keyIdentifier(publicKey))],
  });
  return signStructure(tbs, issuingCa.signatureAlgorithm, issuingCa.key);
}

function earliest(a: Date, b: Date): Date {
  return a < b ? a : b;
}

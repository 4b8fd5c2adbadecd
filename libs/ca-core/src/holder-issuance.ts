import type { CertificateProfileName, HolderRegistration, RegionCode } from '#libs/domain';
import { type CertificateAuthority, assertValidAt } from './certificate-authority.js';
import {
  type PkiConfig,
  addMonths,
  caCertificateUrl,
  crlUrl,
  holderProfile,
  ocspUrl,
  truncateToSeconds,
} from './certificate-profiles.js';
import { tbsFields, sha256Fingerprint } from './certificate-reader.js';
import { CertificateTemplate, signStructure } from './certificate-template.js';
import { checkCsr } from './csr-checks.js';
import { readRoot } from './der.js';
import { PreparedCertificateError, WrongIssuingCaError } from './errors.js';
import {
  authorityInfoAccess,
  authorityKeyIdentifier,
  certificatePolicies,
  crlDistributionPoint,
  extendedKeyUsage,
  keyUsage,
  subjectAltNameEmail,
  subjectKeyIdentifier,
} from './extensions.js';
import { encodeName, formatName, holderEmail, holderSubjectAttributes } from './names.js';
import { OID } from './oids.js';
import { toPem } from './pem.js';
import { keyIdentifier } from './public-keys.js';
import { type SerialNumber, encodeSerialNumber, normalizeSerialNumber } from './serial-numbers.js';

export interface HolderIssuanceRequest {
  readonly profile: CertificateProfileName;
  /** PKCS#10 from the holder's token, DER or PEM. */
  readonly csr: Uint8Array | string;
  readonly holder: HolderRegistration;
  /**
   * Chosen and persisted by the caller before signing (`generateSerialNumber()`), so a retried
   * issuance re-signs under the same serial instead of minting a second certificate.
   */
  readonly serial: SerialNumber;
  readonly now: Date;
}

/**
 * The issuance intent: everything checked, the TBSCertificate fixed. JSON-safe, so the caller can
 * persist it before signing (Boulder's ISSUANCE-CYCLE: intent first, signature second).
 */
export interface PreparedCertificate {
  readonly issuer: RegionCode;
  readonly profile: CertificateProfileName;
  readonly serial: SerialNumber;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** TBSCertificate DER, base64. */
  readonly tbsCertificate: string;
}

/** What the caller persists once signed. */
export interface IssuedCertificate {
  readonly issuer: RegionCode;
  readonly profile: CertificateProfileName;
  readonly serial: SerialNumber;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly certificatePem: string;
  readonly sha256Fingerprint: string;
}

/**
 * The issuing CA of one region signing holder certificates. Both profiles' fixed parts are
 * encoded once here; each issuance fills in serial, validity, subject, key, SKI and email.
 */
export class HolderCertificateIssuer {
  private readonly templates: Record<CertificateProfileName, CertificateTemplate>;

  constructor(
    readonly region: RegionCode,
    private readonly ca: CertificateAuthority,
    private readonly config: PkiConfig,
  ) {
    this.templates = { signature: this.template('signature'), authentication: this.template('authentication') };
  }

  /** Checks the request and fixes the TBSCertificate; throws typed, non-retryable CaErrors. */
  prepare(request: HolderIssuanceRequest): PreparedCertificate {
    if (request.holder.region !== this.region) {
      throw new WrongIssuingCaError(`holder of region ${request.holder.region} cannot be certified by the ${this.region} CA`);
    }
    const subjectAttributes = holderSubjectAttributes(request.holder);
    const email = holderEmail(request.holder);
    const serialNumber = encodeSerialNumber(request.serial);
    const { subjectPublicKeyInfo } = checkCsr(request.csr, subjectAttributes);
    const notBefore = truncateToSeconds(request.now);
    assertValidAt(this.ca, notBefore);
    const notAfter = this.notAfter(notBefore);
    const tbs = this.templates[request.profile].encodeTbs({
      serialNumber,
      notBefore,
      notAfter,
      subject: encodeName(subjectAttributes),
      subjectPublicKeyInfo,
      extensions: [subjectKeyIdentifier(keyIdentifier(subjectPublicKeyInfo)), subjectAltNameEmail(email)],
    });
    return {
      issuer: this.region,
      profile: request.profile,
      serial: normalizeSerialNumber(request.serial),
      subject: formatName(subjectAttributes),
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      tbsCertificate: tbs.toString('base64'),
    };
  }

  /** Signs a prepared certificate (again, on a retry: same TBSCertificate, same serial). */
  async sign(prepared: PreparedCertificate): Promise<IssuedCertificate> {
    const tbs = Buffer.from(prepared.tbsCertificate, 'base64');
    this.assertPreparedHere(prepared, tbs);
    const der = await signStructure(tbs, this.ca.signatureAlgorithm, this.ca.key);
    return {
      issuer: prepared.issuer,
      profile: prepared.profile,
      serial: prepared.serial,
      subject: prepared.subject,
      notBefore: prepared.notBefore,
      notAfter: prepared.notAfter,
      certificatePem: toPem(der, 'CERTIFICATE'),
      sha256Fingerprint: sha256Fingerprint(der),
    };
  }

  async issue(request: HolderIssuanceRequest): Promise<IssuedCertificate> {
    return this.sign(this.prepare(request));
  }

  /** Two years by default, never past the issuing CA's own notAfter (RFC 5280 §6.1.3 would reject it). */
  private notAfter(notBefore: Date): Date {
    const wanted = addMonths(notBefore, this.config.holderValidityMonths);
    return wanted > this.ca.certificate.notAfter ? this.ca.certificate.notAfter : wanted;
  }

  private template(profileName: CertificateProfileName): CertificateTemplate {
    const profile = holderProfile(this.config, profileName);
    return new CertificateTemplate(this.ca.signatureAlgorithm, this.ca.certificate.subject, [
      authorityKeyIdentifier(this.ca.keyIdentifier),
      keyUsage(profile.keyUsage),
      ...(profile.extendedKeyUsage.length ? [extendedKeyUsage(profile.extendedKeyUsage)] : []),
      certificatePolicies([profile.policy]),
      crlDistributionPoint(crlUrl(this.config, this.region)),
      authorityInfoAccess({ ocsp: ocspUrl(this.config), caIssuers: caCertificateUrl(this.config, this.region) }),
    ]);
  }

  /** The CA signs only what it prepared itself: issuer, algorithm and serial must be its own. */
  private assertPreparedHere(prepared: PreparedCertificate, tbs: Buffer): void {
    let fields;
    try {
      fields = tbsFields(tbs, readRoot(tbs));
    } catch (error) {
      throw new PreparedCertificateError(`prepared TBSCertificate cannot be read: ${(error as Error).message}`);
    }
    if (prepared.issuer !== this.region || !fields.issuer.equals(this.ca.certificate.subject)) {
      throw new PreparedCertificateError(`prepared certificate names another issuer than the ${this.region} CA`);
    }
    if (fields.serialNumber !== normalizeSerialNumber(prepared.serial)) {
      throw new PreparedCertificateError('prepared certificate serial does not match its record');
    }
    const authorityKey = fields.extensions.get(OID.authorityKeyIdentifier);
    if (!authorityKey || !authorityKey.value.includes(this.ca.keyIdentifier)) {
      throw new PreparedCertificateError(`prepared certificate was made for another key than the ${this.region} CA's`);
    }
    if (!fields.tbsSignatureAlgorithm.equals(this.ca.signatureAlgorithm)) {
      throw new PreparedCertificateError(`prepared certificate does not use the ${this.region} CA's signature algorithm`);
    }
  }
}

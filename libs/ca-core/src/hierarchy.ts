import { randomBytes } from 'node:crypto';
import { REGION_CODES, type RegionCode } from '#libs/domain';
import type { KeyAlgorithm } from './algorithms.js';
import {
  createIssuingCaCertificate,
  createOcspResponderCertificate,
  createRootCertificate,
} from './ca-certificates.js';
import type { CaStorage } from './ca-storage.js';
import { type CertificateAuthority, certificateAuthority } from './certificate-authority.js';
import type { PkiConfig } from './certificate-profiles.js';
import { sha256Fingerprint } from './certificate-reader.js';
import { HierarchyStateError } from './errors.js';
import { HolderCertificateIssuer } from './holder-issuance.js';
import type { CaSigningKey, KeyStore } from './key-store.js';
import { decodeName, formatName } from './names.js';

/** Where each authority's key and certificate are found. */
export const hierarchyNames = {
  rootKeyId: 'signexpert-root',
  issuingCaKeyId: (region: RegionCode) => `signexpert-ca-${region}`,
  ocspKeyId: (region: RegionCode) => `signexpert-ocsp-${region}`,
  rootCertificate: 'certificates/root.crt',
  issuingCaCertificate: (region: RegionCode) => `certificates/${region}.crt`,
  ocspCertificate: (region: RegionCode) => `certificates/ocsp-${region}.crt`,
} as const;

/** An issuing CA with its delegated OCSP responder and its holder-certificate issuer. */
export interface IssuingAuthority {
  readonly region: RegionCode;
  readonly ca: CertificateAuthority;
  readonly ocspResponder: CertificateAuthority;
  readonly issuer: HolderCertificateIssuer;
}

export interface PkiHierarchy {
  readonly root: CertificateAuthority;
  readonly issuing: ReadonlyMap<RegionCode, IssuingAuthority>;
}

export interface CeremonyAuthorityRecord {
  readonly name: string;
  readonly role: 'root' | 'issuing-ca' | 'ocsp-responder';
  readonly region?: RegionCode;
  readonly keyId: string;
  readonly keyAlgorithm: KeyAlgorithm;
  /** true: generated in this ceremony; false: an existing key was loaded, never replaced. */
  readonly keyGenerated: boolean;
  /** 'issued' in this ceremony, 'renewed' (OCSP responders near expiry), or 'existing'. */
  readonly certificate: 'issued' | 'renewed' | 'existing';
  readonly certificateSha256: string;
  readonly serial: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

/** The key-ceremony record: who initialised the hierarchy, when, and what exists now. */
export interface CeremonyRecord {
  readonly id: string;
  readonly performedBy: string;
  readonly performedAt: string;
  readonly keyStore: KeyStore['kind'];
  /** 'initialised' if anything was created; 'already-initialised' if every key and certificate existed. */
  readonly outcome: 'initialised' | 'already-initialised';
  readonly authorities: readonly CeremonyAuthorityRecord[];
}

export interface KeyCeremonyOptions {
  readonly keyStore: KeyStore;
  readonly storage: CaStorage;
  readonly config: PkiConfig;
  /** The operator, recorded as is (contract: every CA operation is attributable). */
  readonly performedBy: string;
  readonly now: Date;
  /** Regions to equip; all CROEC regions by default. */
  readonly regions?: readonly RegionCode[];
  /** OCSP responder certificates expiring within this many days are renewed on the same key. */
  readonly responderRenewalDays?: number;
}

/**
 * The key ceremony, idempotent: creates whatever key or certificate is missing, loads what
 * exists, and never generates a key where one exists. A certificate whose key is missing stops
 * the ceremony (HierarchyStateError): replacing a CA key is a decision for humans, not a default.
 * Each run appends its record under ceremonies/ and returns it.
 */
export async function performKeyCeremony(
  options: KeyCeremonyOptions,
): Promise<{ record: CeremonyRecord; hierarchy: PkiHierarchy }> {
  const { keyStore, storage, config, now } = options;
  const records: CeremonyAuthorityRecord[] = [];
  const renewalMs = (options.responderRenewalDays ?? 30) * 86_400_000;

  const root = await ensureAuthority(options, records, {
    name: 'root',
    role: 'root',
    keyId: hierarchyNames.rootKeyId,
    algorithm: config.rootKeyAlgorithm,
    certificateName: hierarchyNames.rootCertificate,
    issue: (key) => createRootCertificate(key, config, now),
  });
  const issuing = new Map<RegionCode, IssuingAuthority>();
  for (const region of options.regions ?? REGION_CODES) {
    const ca = await ensureAuthority(options, records, {
      name: region,
      role: 'issuing-ca',
      region,
      keyId: hierarchyNames.issuingCaKeyId(region),
      algorithm: config.issuingCaKeyAlgorithm,
      certificateName: hierarchyNames.issuingCaCertificate(region),
      issue: (key) => createIssuingCaCertificate(root, region, key.publicKey, config, now),
    });
    const ocspResponder = await ensureAuthority(options, records, {
      name: `ocsp-${region}`,
      role: 'ocsp-responder',
      region,
      keyId: hierarchyNames.ocspKeyId(region),
      algorithm: config.ocspResponderKeyAlgorithm,
      certificateName: hierarchyNames.ocspCertificate(region),
      issue: (key) => createOcspResponderCertificate(ca, region, key.publicKey, config, now),
      renewBefore: new Date(now.getTime() + renewalMs),
    });
    issuing.set(region, { region, ca, ocspResponder, issuer: new HolderCertificateIssuer(region, ca, config) });
  }

  const changed = records.some((entry) => entry.keyGenerated || entry.certificate !== 'existing');
  const record: CeremonyRecord = {
    id: `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`,
    performedBy: options.performedBy,
    performedAt: now.toISOString(),
    keyStore: keyStore.kind,
    outcome: changed ? 'initialised' : 'already-initialised',
    authorities: records,
  };
  await storage.create(`ceremonies/${record.id}.json`, Buffer.from(JSON.stringify(record, null, 2)));
  return { record, hierarchy: { root, issuing } };
}

/** Loads an initialised hierarchy; throws HierarchyStateError if a key or certificate is missing. */
export async function loadHierarchy(options: {
  keyStore: KeyStore;
  storage: CaStorage;
  config: PkiConfig;
  regions?: readonly RegionCode[];
}): Promise<PkiHierarchy> {
  const load = async (name: string, keyId: string, certificateName: string) => {
    const [key, certificate] = await Promise.all([options.keyStore.findKey(keyId), options.storage.read(certificateName)]);
    if (!key || !certificate) {
      throw new HierarchyStateError(`${name}: ${!key ? `key ${keyId}` : `certificate ${certificateName}`} missing; run the key ceremony`);
    }
    return certificateAuthority(name, certificate, key);
  };
  const root = await load('root', hierarchyNames.rootKeyId, hierarchyNames.rootCertificate);
  const issuing = new Map<RegionCode, IssuingAuthority>();
  for (const region of options.regions ?? REGION_CODES) {
    const ca = await load(region, hierarchyNames.issuingCaKeyId(region), hierarchyNames.issuingCaCertificate(region));
    const ocspResponder = await load(`ocsp-${region}`, hierarchyNames.ocspKeyId(region), hierarchyNames.ocspCertificate(region));
    issuing.set(region, { region, ca, ocspResponder, issuer: new HolderCertificateIssuer(region, ca, options.config) });
  }
  return { root, issuing };
}

interface AuthoritySpec {
  name: string;
  role: CeremonyAuthorityRecord['role'];
  region?: RegionCode;
  keyId: string;
  algorithm: KeyAlgorithm;
  certificateName: string;
  issue: (key: CaSigningKey) => Promise<Buffer>;
  /** Renew (same key) a certificate expiring before this date; CA certificates are never renewed here. */
  renewBefore?: Date;
}

async function ensureAuthority(
  options: KeyCeremonyOptions,
  records: CeremonyAuthorityRecord[],
  spec: AuthoritySpec,
): Promise<CertificateAuthority> {
  const { keyStore, storage } = options;
  let key = await keyStore.findKey(spec.keyId);
  let der = await storage.read(spec.certificateName);
  if (der && !key) {
    throw new HierarchyStateError(
      `${spec.name}: certificate ${spec.certificateName} exists but key ${spec.keyId} is not in the ${keyStore.kind} key store; ` +
        'refusing to generate a replacement key',
    );
  }
  const keyGenerated = !key;
  key ??= await keyStore.generateKey(spec.keyId, spec.algorithm);
  let certificate: CeremonyAuthorityRecord['certificate'] = 'existing';
  if (!der) {
    der = await spec.issue(key);
    await storage.create(spec.certificateName, der);
    certificate = 'issued';
  } else if (spec.renewBefore && certificateAuthority(spec.name, der, key).certificate.notAfter < spec.renewBefore) {
    der = await spec.issue(key);
    await storage.replace(spec.certificateName, der);
    certificate = 'renewed';
  }
  const authority = certificateAuthority(spec.name, der, key);
  records.push({
    name: spec.name,
    role: spec.role,
    ...(spec.region ? { region: spec.region } : {}),
    keyId: spec.keyId,
    keyAlgorithm: key.algorithm,
    keyGenerated,
    certificate,
    certificateSha256: sha256Fingerprint(der),
    serial: authority.certificate.serialNumber,
    subject: formatName(decodeName(authority.certificate.subject)),
    notBefore: authority.certificate.notBefore.toISOString(),
    notAfter: authority.certificate.notAfter.toISOString(),
  });
  return authority;
}

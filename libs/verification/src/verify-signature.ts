import * as asn1js from 'asn1js';
import { type Certificate, ContentInfo, IssuerAndSerialNumber, SignedData, type SignerInfo } from 'pkijs';
import { buildChain } from './certificate-chain.js';
import {
  DIGEST_ALGORITHMS,
  certificateDer,
  describeName,
  parseCertificate,
  publicKeyOf,
  sameName,
  serialHex,
  sha,
  signatureHash,
  verifyWithKey,
} from './certificates.js';
import { type CrlFetcher, type IssuerFetcher, type OcspFetcher, checkCrls, checkOcsp } from './revocation-check.js';
import { certificatePolicies, signerProfileOf } from './signer-profile.js';
import { type RevocationStatus, type SignerDescription, type VerificationReport, buildReport } from './verification-report.js';

export interface SignatureVerificationRequest {
  /** CMS SignedData, DER (or BER), detached or enveloping. */
  readonly signature: Uint8Array;
  /** The signed document, for a detached signature. */
  readonly content?: Uint8Array;
  /** DER root certificates: the profession root in production. */
  readonly trustAnchors: readonly Uint8Array[];
  readonly intermediates?: readonly Uint8Array[];
  /** DER CRLs; only those of the signer's CA are used. */
  readonly crls?: readonly Uint8Array[];
  /** Fetches more CRLs for the signer once its CA is known (the CLI: from the certificate's CRL distribution point). */
  readonly fetchCrls?: CrlFetcher;
  readonly ocsp?: OcspFetcher;
  /** Fetches issuer certificates missing from the path (the CLI: from the caIssuers URL); the path must still reach a trust anchor. */
  readonly fetchIssuers?: IssuerFetcher;
  readonly now?: Date;
}

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const CONTENT_TYPE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

export const AUTHENTICATION_CERTIFICATE_REASON = 'signed with an authentication certificate (contract §8.2: not for signatures)';

/**
 * Verifies a CMS / CAdES-BES signature (RFC 5652 §5.4, ETSI EN 319 122-1): signed attributes,
 * message digest, signing-certificate-v2, chain to a trust anchor, validity at signing time and
 * now, the contract's profile rule (§8.2) and revocation. Never throws on bad input: it says why.
 */
export async function verifySignature(request: SignatureVerificationRequest): Promise<VerificationReport> {
  const invalid: string[] = [];
  const indeterminate: string[] = [];
  const now = request.now ?? new Date();

  let signedData: SignedData;
  try {
    const contentInfo = ContentInfo.fromBER(request.signature);
    if (contentInfo.contentType !== SIGNED_DATA) throw new Error(`content type ${contentInfo.contentType} is not signed data`);
    signedData = new SignedData({ schema: contentInfo.content });
  } catch (error) {
    return buildReport({ invalid: [`the signature is not a CMS SignedData structure: ${(error as Error).message}`], indeterminate });
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return buildReport({ invalid: ['the signature has no signer'], indeterminate });
  if (signedData.signerInfos.length > 1) indeterminate.push(`the signature has ${signedData.signerInfos.length} signers; only the first was verified`);

  const embedded = (signedData.certificates ?? []).filter((item): item is Certificate => 'tbsView' in item);
  let anchors: Certificate[];
  let intermediates: Certificate[];
  try {
    anchors = request.trustAnchors.map(parseCertificate);
    intermediates = (request.intermediates ?? []).map(parseCertificate);
  } catch (error) {
    return buildReport({ invalid: [], indeterminate: [`a trust anchor or intermediate certificate could not be read: ${(error as Error).message}`] });
  }
  const signer = findSignerCertificate(signerInfo, [...embedded, ...intermediates, ...anchors]);
  if (!signer) return buildReport({ invalid: [], indeterminate: ['the signer certificate is neither in the signature nor among the certificates given'] });

  const profile = signerProfileOf(signer);
  const description: SignerDescription = {
    subject: describeName(signer.subject),
    serial: serialHex(signer),
    issuer: describeName(signer.issuer),
    policies: certificatePolicies(signer),
    profile,
  };

  const content = contentOf(signedData, request.content);
  if (!content) invalid.push('the signature is detached and no content was given to check it against');
  const attributes = checkSignedAttributes(signerInfo, signer, content, invalid);
  const signingTime = attributes.signingTime;

  if (profile === 'authentication') invalid.push(AUTHENTICATION_CERTIFICATE_REASON);
  if (profile === 'unknown') indeterminate.push('the signer certificate has no key usage: its profile cannot be established');

  const instants = [...(signingTime ? [{ label: 'signing time', at: signingTime }] : []), { label: 'verification time', at: now }];
  const candidates = [...embedded, ...intermediates];
  let chain = buildChain(signer, candidates, anchors, instants);
  const fetchProblems: string[] = [];
  for (let round = 0; !chain.trusted && request.fetchIssuers && round < MAX_ISSUER_FETCHES; round++) {
    const fetched = await fetchCertificates(request.fetchIssuers, chain.path[chain.path.length - 1], fetchProblems);
    if (fetched.length === 0) break;
    candidates.push(...fetched);
    chain = buildChain(signer, candidates, anchors, instants);
  }
  invalid.push(...chain.problems);
  // A path we could not complete because an issuer could not be fetched proves nothing either way.
  if (chain.untrusted) (fetchProblems.length > 0 ? indeterminate : invalid).push(chain.untrusted, ...fetchProblems);

  let revocation: RevocationStatus | undefined;
  const issuer = chain.path[1];
  if (chain.trusted && issuer) {
    const problems: string[] = [];
    const crls = [...(request.crls ?? [])];
    if (request.fetchCrls) {
      try {
        crls.push(...(await request.fetchCrls(certificateDer(signer), certificateDer(issuer))));
      } catch (error) {
        problems.push(`the CRL could not be fetched: ${(error as Error).message}`);
      }
    }
    const fromCrl = checkCrls(signer, issuer, crls, now);
    revocation = fromCrl.status;
    problems.push(...fromCrl.problems);
    if ((!revocation || revocation.status === 'unknown') && request.ocsp) {
      const fromOcsp = await checkOcsp(signer, issuer, request.ocsp, certificateDer(signer), certificateDer(issuer), now);
      revocation = fromOcsp.status ?? revocation;
      problems.push(...fromOcsp.problems);
    }
    if (revocation?.status === 'revoked') {
      invalid.push(`the signer certificate was revoked on ${revocation.revokedAt?.toISOString() ?? 'an unknown date'} (reason: ${revocation.reason ?? 'unspecified'}, source: ${revocation.source.toUpperCase()})`);
    } else if (revocation?.status !== 'good') {
      indeterminate.push(...problems);
      if (!request.crls?.length && !request.fetchCrls && !request.ocsp) indeterminate.push('no revocation information: neither a CRL nor an OCSP responder was given');
      else indeterminate.push('the revocation status of the signer certificate could not be established');
    }
  }

  return buildReport({ invalid, indeterminate, signer: description, ...(signingTime ? { signingTime } : {}), ...(revocation ? { revocation } : {}) });
}

/** Beyond the profession's hierarchy (regional CA, root) there is nothing more to fetch. */
const MAX_ISSUER_FETCHES = 2;

async function fetchCertificates(fetch: IssuerFetcher, certificate: Certificate, problems: string[]): Promise<Certificate[]> {
  try {
    return (await fetch(certificateDer(certificate))).map(parseCertificate);
  } catch (error) {
    problems.push(`the issuer certificate of ${describeName(certificate.subject)} could not be fetched: ${(error as Error).message}`);
    return [];
  }
}

function findSignerCertificate(signerInfo: SignerInfo, candidates: readonly Certificate[]): Certificate | undefined {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof IssuerAndSerialNumber) {
    return candidates.find((candidate) => sameName(candidate.issuer, sid.issuer) && candidate.serialNumber.isEqual(sid.serialNumber));
  }
  // [0] SubjectKeyIdentifier
  const keyId = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView);
  return candidates.find((candidate) => {
    const ski = candidate.extensions?.find((extension) => extension.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
    return ski && Buffer.from(ski.valueBlock.valueHexView).equals(keyId);
  });
}

function contentOf(signedData: SignedData, detached: Uint8Array | undefined): Uint8Array | undefined {
  const eContent = signedData.encapContentInfo.eContent;
  if (!eContent) return detached;
  if (eContent.idBlock.isConstructed) {
    return Buffer.concat((eContent.valueBlock.value as asn1js.OctetString[]).map((chunk) => chunk.valueBlock.valueHexView));
  }
  return eContent.valueBlock.valueHexView;
}

interface AttributeFindings {
  readonly signingTime?: Date;
}

function checkSignedAttributes(signerInfo: SignerInfo, signer: Certificate, content: Uint8Array | undefined, invalid: string[]): AttributeFindings {
  const digestHash = DIGEST_ALGORITHMS[signerInfo.digestAlgorithm.algorithmId];
  if (!digestHash) {
    invalid.push(`unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
    return {};
  }
  const signedAttrs = signerInfo.signedAttrs;
  // CAdES-BES requires signed attributes (ETSI EN 319 122-1 §5.2.1 message-digest, §5.2.2 signing-certificate).
  if (!signedAttrs) {
    invalid.push('the signature has no signed attributes (not CAdES-BES)');
    return {};
  }
  const attribute = (type: string) => signedAttrs.attributes.find((candidate) => candidate.type === type);
  const hash = signatureHash(signerInfo.signatureAlgorithm.algorithmId, signerInfo.digestAlgorithm.algorithmId);
  if (!hash) invalid.push(`unsupported signature algorithm ${signerInfo.signatureAlgorithm.algorithmId}`);
  else if (!verifyWithKey(hash, new Uint8Array(signedAttrs.encodedValue), publicKeyOf(signer), signerInfo.signature.valueBlock.valueHexView)) {
    invalid.push('the signature value does not verify with the signer certificate key');
  }
  if (!attribute(CONTENT_TYPE)) invalid.push('the content-type signed attribute is missing');

  const messageDigest = attribute(MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
  if (!messageDigest) invalid.push('the message-digest signed attribute is missing');
  else if (content && !sha(digestHash, content).equals(Buffer.from(messageDigest.valueBlock.valueHexView))) {
    invalid.push('the content does not match the signature (message digest mismatch): the document was altered or is not the one signed');
  }

  const signingCertificate = attribute(SIGNING_CERTIFICATE_V2)?.values[0];
  if (signingCertificate) checkSigningCertificate(signingCertificate, signer, invalid);

  const time = attribute(SIGNING_TIME)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return time && 'toDate' in time ? { signingTime: time.toDate() } : {};
}

/** RFC 5035 ESSCertIDv2: hashAlgorithm DEFAULT sha256, certHash over the whole certificate. */
function checkSigningCertificate(value: unknown, signer: Certificate, invalid: string[]): void {
  try {
    const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const [head, next] = first.valueBlock.value;
    let hash = 'sha256';
    let certHash = head as asn1js.OctetString;
    if (head instanceof asn1js.Sequence) {
      const oid = (head.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      hash = DIGEST_ALGORITHMS[oid] ?? oid;
      certHash = next as asn1js.OctetString;
    }
    if (!sha(hash, certificateDer(signer)).equals(Buffer.from(certHash.valueBlock.valueHexView))) {
      invalid.push('the signing-certificate-v2 attribute does not match the signer certificate');
    }
  } catch (error) {
    invalid.push(`the signing-certificate-v2 attribute could not be read: ${(error as Error).message}`);
  }
}

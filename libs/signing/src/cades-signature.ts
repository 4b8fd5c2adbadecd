import { createHash, createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { type Signer, signatureSchemeFor } from '#libs/ca-core';

const DATA = '1.2.840.113549.1.7.1';
const SIGNED_DATA = '1.2.840.113549.1.7.2';
const CONTENT_TYPE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const DIGEST_OIDS = { sha256: '2.16.840.1.101.3.4.2.1', sha384: '2.16.840.1.101.3.4.2.2', sha512: '2.16.840.1.101.3.4.2.3' } as const;

export interface DetachedSignatureRequest {
  readonly content: Uint8Array;
  /** The private key, wherever it lives (a holder's token in production). */
  readonly signer: Signer;
  /** DER certificate of the signer's key: embedded, and named by signing-certificate-v2. */
  readonly certificate: Uint8Array;
  /** More DER certificates to embed (the issuing CA), so that a verifier needs only the root. */
  readonly chain?: readonly Uint8Array[];
  readonly signingTime: Date;
}

export class SignatureCreationError extends Error {
  override readonly name = 'SignatureCreationError';
}

/**
 * A detached CMS SignedData (RFC 5652) in the CAdES-BES form (ETSI EN 319 122-1 §5.2): signed
 * content-type, message-digest, signing-time and signing-certificate-v2 (RFC 5035) attributes.
 * Key-agnostic: which key may sign (contract §8.2) is the caller's rule.
 */
export async function createDetachedSignature(request: DetachedSignatureRequest): Promise<Buffer> {
  const certificate = Certificate.fromBER(request.certificate);
  const certifiedKey = Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER());
  if (!sameKey(certifiedKey, request.signer.publicKey)) throw new SignatureCreationError('the certificate does not certify the signing key');
  const scheme = signatureSchemeFor(request.signer.algorithm);
  const digestAlgorithm = new AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[scheme.hash] });

  // DER (RFC 5652 §5.3: signedAttrs are DER-encoded) sorts a SET OF by the encodings of its elements.
  const attributes = [
    attribute(CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: DATA })),
    attribute(SIGNING_TIME, signingTime(request.signingTime)),
    attribute(MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: digest(scheme.hash, request.content) })),
    attribute(SIGNING_CERTIFICATE_V2, signingCertificateV2(request.certificate)),
  ].sort((a, b) => Buffer.compare(encoded(a), encoded(b)));
  const toBeSigned = new asn1js.Set({ value: attributes.map((item) => item.toSchema()) }).toBER();
  const signature = await request.signer.sign(new Uint8Array(toBeSigned));

  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm,
    signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new AlgorithmIdentifier({ schema: asn1js.fromBER(scheme.algorithmIdentifier).result }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: DATA }),
    certificates: [certificate, ...(request.chain ?? []).map((der) => Certificate.fromBER(der))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new ContentInfo({ contentType: SIGNED_DATA, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}

function attribute(type: string, value: asn1js.AsnType): Attribute {
  return new Attribute({ type, values: [value] });
}

const encoded = (item: Attribute): Buffer => Buffer.from(item.toSchema().toBER());

function digest(hash: string, data: Uint8Array): Buffer {
  return createHash(hash).update(data).digest();
}

/** RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime after; whole seconds. */
function signingTime(at: Date): asn1js.AsnType {
  const seconds = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return seconds.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: seconds }) : new asn1js.GeneralizedTime({ valueDate: seconds });
}

/** SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash } }: hashAlgorithm is left at its DEFAULT, SHA-256. */
function signingCertificateV2(certificate: Uint8Array): asn1js.Sequence {
  const certHash = new asn1js.OctetString({ valueHex: digest('sha256', certificate) });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certHash] })] })] });
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  const exported = (spki: Uint8Array) => createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'der', type: 'spki' });
  return exported(a).equals(exported(b));
}

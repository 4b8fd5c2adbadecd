import { children, contentOf, DerError, encodedOf, expectTag, readOid, readRoot } from './der.js';
import { OID } from './oids.js';

/** CertID (RFC 6960 §4.1.1), with its DER kept to echo it in the SingleResponse. */
export interface OcspCertId {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Buffer;
  readonly issuerKeyHash: Buffer;
  /** Upper-case hex, leading 0x00 pad dropped. */
  readonly serial: string;
  readonly der: Buffer;
}

export interface OcspRequest {
  readonly certIds: readonly OcspCertId[];
  /** The whole nonce Extension DER (RFC 6960 §4.4.1), echoed verbatim in the response. */
  readonly nonceExtension?: Buffer;
}

/** RFC 8954 §2.1 caps nonces at 32 octets; allow some slack for the OCTET STRING wrapping. */
const MAX_NONCE_EXTENSION = 64;

/**
 * Reads an OCSPRequest: tbsRequest { [0] version, [1] requestorName, requestList, [2] extensions }.
 * A request signature, if any, is ignored: our answers are public (RFC 6960 §4.1.2).
 */
export function parseOcspRequest(input: Uint8Array): OcspRequest {
  const der = Buffer.from(input.buffer, input.byteOffset, input.length);
  const [tbsRequest] = children(der, expectTag(readRoot(der), 0x30, 'OCSPRequest'));
  const fields = children(der, expectTag(tbsRequest, 0x30, 'TBSRequest'));
  let index = 0;
  if (fields[index]?.tag === 0xa0) index++;
  if (fields[index]?.tag === 0xa1) index++;
  const requestList = children(der, expectTag(fields[index++], 0x30, 'requestList'));
  if (requestList.length === 0) throw new DerError('empty requestList');
  const certIds = requestList.map((request) => {
    const [certId] = children(der, expectTag(request, 0x30, 'Request'));
    const [algorithm, nameHash, keyHash, serial] = children(der, expectTag(certId, 0x30, 'CertID'));
    const [algorithmOid] = children(der, expectTag(algorithm, 0x30, 'hashAlgorithm'));
    let serialContent = contentOf(der, expectTag(serial, 0x02, 'serialNumber'));
    if (serialContent.length > 1 && serialContent[0] === 0) serialContent = serialContent.subarray(1);
    return {
      hashAlgorithm: readOid(der, algorithmOid),
      issuerNameHash: contentOf(der, expectTag(nameHash, 0x04, 'issuerNameHash')),
      issuerKeyHash: contentOf(der, expectTag(keyHash, 0x04, 'issuerKeyHash')),
      serial: serialContent.toString('hex').toUpperCase(),
      der: encodedOf(der, certId),
    };
  });
  let nonceExtension: Buffer | undefined;
  if (fields[index]?.tag === 0xa2) {
    const [list] = children(der, fields[index]);
    for (const extension of children(der, expectTag(list, 0x30, 'requestExtensions'))) {
      const [extensionOid] = children(der, extension);
      if (readOid(der, extensionOid) !== OID.ocspNonce) continue;
      nonceExtension = encodedOf(der, extension);
      if (nonceExtension.length > MAX_NONCE_EXTENSION) throw new DerError('nonce too long');
    }
  }
  return { certIds, ...(nonceExtension ? { nonceExtension } : {}) };
}

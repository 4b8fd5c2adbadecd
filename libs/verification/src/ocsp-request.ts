import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, CertID, OCSPRequest, Request, TBSRequest } from 'pkijs';
import { nameDer, parseCertificate, sha } from './certificates.js';

const SHA1 = '1.3.14.3.2.26';

/**
 * An OCSPRequest for one certificate (RFC 6960 §4.1.1), CertID hashed with SHA-1 as RFC 5019 §2.1.1
 * profiles it for lightweight responders; no nonce, so that GET answers can be cached.
 */
export function createOcspRequest(certificate: Uint8Array, issuer: Uint8Array): Uint8Array {
  const subject = parseCertificate(certificate);
  const authority = parseCertificate(issuer);
  const certId = new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: sha('sha1', nameDer(authority.subject)) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: sha('sha1', authority.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView) }),
    serialNumber: subject.serialNumber,
  });
  const request = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certId })] }) });
  return new Uint8Array(request.toSchema(true).toBER());
}

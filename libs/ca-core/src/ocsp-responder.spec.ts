import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Extension } from '@peculiar/asn1-x509';
import { BasicOCSPResponse, CertID, OCSPRequest, OCSPResponse, Request, TBSRequest, id_pkix_ocsp_nonce } from '@peculiar/asn1-ocsp';
import { specPki } from '../spec-support/fixtures.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { OcspResponder } from './ocsp-responder.js';
import { OID } from './oids.js';
import { subjectPublicKeyBits } from './public-keys.js';

const now = new Date('2030-04-01T00:00:00Z');

/** Requests built and responses read with @peculiar/asn1-ocsp: an encoder independent of ours. */
function request(issuer: CertificateAuthority, serials: string[], nonce?: Buffer): Buffer {
  const certId = (serial: string) =>
    new CertID({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256 }),
      issuerNameHash: new OctetString(createHash('sha256').update(issuer.certificate.subject).digest()),
      issuerKeyHash: new OctetString(createHash('sha256').update(subjectPublicKeyBits(issuer.certificate.subjectPublicKeyInfo)).digest()),
      serialNumber: new Uint8Array(Buffer.from(serial, 'hex')).buffer,
    });
  const tbsRequest = new TBSRequest({ requestList: serials.map((serial) => new Request({ reqCert: certId(serial) })) });
  if (nonce) {
    tbsRequest.requestExtensions = [
      new Extension({ extnID: id_pkix_ocsp_nonce, extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))) }),
    ];
  }
  return Buffer.from(AsnConvert.serialize(new OCSPRequest({ tbsRequest })));
}

function read(response: Buffer): { status: number; basic?: BasicOCSPResponse } {
  const parsed = AsnConvert.parse(response, OCSPResponse);
  return {
    status: parsed.responseStatus,
    ...(parsed.responseBytes ? { basic: AsnConvert.parse(parsed.responseBytes.response.buffer, BasicOCSPResponse) } : {}),
  };
}

describe('OCSP responder', () => {
  it('answers good, revoked (time and reason) and unknown, echoing the nonce', async () => {
    const { hierarchy, config } = await specPki();
    const mar = hierarchy.issuing.get('MAR')!;
    const responder = new OcspResponder({
      authorities: [mar],
      config,
      clock: () => now,
      lookup: async (_issuer, serial) =>
        serial === '4A' ? { status: 'good' } : serial === '4B' ? { status: 'revoked', revokedAt: '2030-03-01T00:00:00Z', reason: 'superseded' } : { status: 'unknown' },
    });
    const nonce = Buffer.from('0123456789abcdef');
    const { status, basic } = read(await responder.respond(request(mar.ca, ['4A', '4B', '4C'], nonce)));
    expect(status).toBe(0);
    const responses = basic!.tbsResponseData.responses;
    expect(responses.map((r) => Object.keys(r.certStatus).find((k) => (r.certStatus as never)[k] !== undefined))).toEqual(['good', 'revoked', 'unknown']);
    expect(responses[1].certStatus.revoked!.revocationTime).toEqual(new Date('2030-03-01T00:00:00Z'));
    expect(String(responses[1].certStatus.revoked!.revocationReason)).toBe('superseded'); // CRLReason 4
    expect(responses[0].thisUpdate).toEqual(now);
    expect(responses[0].nextUpdate).toEqual(new Date('2030-04-02T00:00:00Z'));
    const echoed = basic!.tbsResponseData.responseExtensions!.find((e) => e.extnID === id_pkix_ocsp_nonce)!;
    expect(Buffer.from(echoed.extnValue.buffer).toString('hex')).toContain(nonce.toString('hex'));
    expect(Buffer.from(AsnConvert.serialize(basic!.certs![0])).equals(mar.ocspResponder.certificate.der)).toBe(true);
  });

  it('says unauthorized for an issuer it does not serve, malformedRequest for garbage, internalError when the lookup fails', async () => {
    const { hierarchy, config } = await specPki();
    const mar = hierarchy.issuing.get('MAR')!;
    const failing = new OcspResponder({ authorities: [mar], config, clock: () => now, lookup: async () => Promise.reject(new Error('db down')) });
    expect(read(await failing.respond(request(hierarchy.root, ['01']))).status).toBe(6);
    expect(read(await failing.respond(Buffer.from([0x30, 0x03, 0x02, 0x01]))).status).toBe(1);
    expect(read(await failing.respond(request(mar.ca, ['01']))).status).toBe(2);
  });
});

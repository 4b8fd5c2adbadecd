import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { CertID, OCSPRequest, Request, TBSRequest } from '@peculiar/asn1-ocsp';
import { MemoryCaStorage, OcspResponder, SoftwareKeyStore, defaultPkiConfig, performKeyCeremony, type CertificateAuthority } from '#libs/ca-core';
import { certificateStatus, responseValidity } from './ocsp.service.js';

const SHA1 = '1.3.14.3.2.26';

/** A request built with @peculiar/asn1-ocsp, independent of ca-core's encoder. */
function ocspRequest(issuer: CertificateAuthority, serial: string): Buffer {
  const key = AsnConvert.parse(issuer.certificate.subjectPublicKeyInfo, SubjectPublicKeyInfo).subjectPublicKey;
  const certId = new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1 }),
    issuerNameHash: new OctetString(createHash('sha1').update(issuer.certificate.subject).digest()),
    issuerKeyHash: new OctetString(createHash('sha1').update(Buffer.from(key)).digest()),
    serialNumber: new Uint8Array(Buffer.from(serial, 'hex')).buffer,
  });
  return Buffer.from(AsnConvert.serialize(new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certId })] }) })));
}

describe('OCSP answers from the certificate records', () => {
  it('says good, revoked with time and reason, or unknown, as the record says', () => {
    const revokedAt = new Date('2030-03-01T10:00:00Z');
    expect(certificateStatus(null)).toEqual({ status: 'unknown' });
    expect(certificateStatus({ revokedAt: null, revocationReason: null })).toEqual({ status: 'good' });
    expect(certificateStatus({ revokedAt, revocationReason: 'keyCompromise' })).toEqual({ status: 'revoked', revokedAt, reason: 'keyCompromise' });
    // A reason name we do not know is left out rather than sent as something it is not.
    expect(certificateStatus({ revokedAt, revocationReason: 'certificateHold' })).toEqual({ status: 'revoked', revokedAt });
  });

  it("reads a signed response's thisUpdate and nextUpdate (RFC 5019 §6.2 caching), and nothing from an unsigned error status", async () => {
    const storage = new MemoryCaStorage();
    const config = defaultPkiConfig({ ocspValidityHours: 12 });
    const keyStore = await SoftwareKeyStore.open({ storage, passphrase: 'a passphrase long enough', scrypt: { N: 1024, r: 8, p: 1 } });
    const now = new Date('2030-04-01T08:30:15.750Z');
    const { hierarchy } = await performKeyCeremony({ keyStore, storage, config, performedBy: 'spec', now, regions: ['BRE'] });
    const responder = new OcspResponder({ authorities: hierarchy.issuing.values(), lookup: async () => ({ status: 'good' }), clock: () => now, config });

    const signed = await responder.respond(ocspRequest(hierarchy.issuing.get('BRE')!.ca, '4A'));
    expect(responseValidity(signed)).toEqual({ thisUpdate: new Date('2030-04-01T08:30:15Z'), nextUpdate: new Date('2030-04-01T20:30:15Z') });
    expect(responseValidity(await responder.respond(Buffer.from('garbage')))).toBeUndefined(); // malformedRequest
    expect(responseValidity(await responder.respond(ocspRequest(hierarchy.root, '4A')))).toBeUndefined(); // unauthorized
  });
});

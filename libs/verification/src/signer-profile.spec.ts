import { describe, expect, it } from '@jest/globals';
import * as asn1js from 'asn1js';
import { Certificate, CertificatePolicies, ExtKeyUsage, Extension, PolicyInformation } from 'pkijs';
import { certificatePolicies, signerProfileOf } from './signer-profile.js';

const NON_REPUDIATION = 0x40;
const DIGITAL_SIGNATURE = 0x80;

function certificateWith(keyUsage?: number, purposes?: string[], policies: string[] = []): Certificate {
  const extensions: Extension[] = [];
  if (keyUsage !== undefined) {
    const bits = new asn1js.BitString({ valueHex: Uint8Array.of(keyUsage).buffer, unusedBits: 6 });
    extensions.push(new Extension({ extnID: '2.5.29.15', critical: true, extnValue: bits.toBER(), parsedValue: bits }));
  }
  if (purposes) {
    const value = new ExtKeyUsage({ keyPurposes: purposes });
    extensions.push(new Extension({ extnID: '2.5.29.37', extnValue: value.toSchema().toBER(), parsedValue: value }));
  }
  if (policies.length > 0) {
    const value = new CertificatePolicies({ certificatePolicies: policies.map((policyIdentifier) => new PolicyInformation({ policyIdentifier })) });
    extensions.push(new Extension({ extnID: '2.5.29.32', extnValue: value.toSchema().toBER(), parsedValue: value }));
  }
  return new Certificate({ extensions });
}

describe('signerProfileOf (contract §8.2)', () => {
  it('is signature for nonRepudiation without clientAuth', () => {
    expect(signerProfileOf(certificateWith(NON_REPUDIATION))).toBe('signature');
  });

  it('is authentication for digitalSignature only, as our authentication profile', () => {
    expect(signerProfileOf(certificateWith(DIGITAL_SIGNATURE, ['1.3.6.1.5.5.7.3.2']))).toBe('authentication');
    expect(signerProfileOf(certificateWith(DIGITAL_SIGNATURE))).toBe('authentication');
  });

  it('is authentication when clientAuth is there, even with nonRepudiation', () => {
    expect(signerProfileOf(certificateWith(NON_REPUDIATION | DIGITAL_SIGNATURE, ['1.3.6.1.5.5.7.3.2']))).toBe('authentication');
  });

  it('is unknown without key usage, authentication if clientAuth alone says so', () => {
    expect(signerProfileOf(certificateWith())).toBe('unknown');
    expect(signerProfileOf(certificateWith(undefined, ['1.3.6.1.5.5.7.3.2']))).toBe('authentication');
  });

  it('lists the certificate policy OIDs', () => {
    expect(certificatePolicies(certificateWith(NON_REPUDIATION, undefined, ['2.999.3386.1.1', '2.999.3386.1.2']))).toEqual([
      '2.999.3386.1.1',
      '2.999.3386.1.2',
    ]);
    expect(certificatePolicies(certificateWith(NON_REPUDIATION))).toEqual([]);
  });
});

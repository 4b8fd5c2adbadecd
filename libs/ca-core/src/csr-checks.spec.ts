import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import * as x509 from '@peculiar/x509';
import { generateKeyPairSync } from 'node:crypto';
import { holderCsr, holderKey, holderRegistration } from '../spec-support/fixtures.js';
import { createCertificationRequest } from './certification-request.js';
import { checkCsr, parseCsr } from './csr-checks.js';
import { CaError, KeyPolicyError, MalformedCsrError, ProofOfPossessionError, SubjectMismatchError } from './errors.js';
import { encodeName, holderSubjectAttributes } from './names.js';
import { softwareSigningKey } from './software-key-store.js';
import { spkiOf } from './public-keys.js';

const holder = holderRegistration();
const expected = holderSubjectAttributes(holder);

describe('CSR checks', () => {
  it('accepts our CSRs, which an independent parser (@peculiar/x509) also verifies', async () => {
    for (const algorithm of ['P-256', 'P-384', 'RSA-2048'] as const) {
      const csr = await holderCsr(holder, algorithm);
      expect(() => checkCsr(csr, expected)).not.toThrow();
      const parsed = new x509.Pkcs10CertificateRequest(csr);
      expect(await parsed.verify()).toBe(true);
      expect(parsed.subject).toContain('CN=Jeanne Lefèvre');
    }
  });

  it('refuses RSA below 2048 bits with a typed, non-retryable error that says why', async () => {
    const csr = await holderCsr(holder, 'RSA-1024');
    const error = catching(() => checkCsr(csr, expected));
    expect(error).toBeInstanceOf(KeyPolicyError);
    expect(error).toMatchObject({ code: 'KEY_REJECTED_BY_POLICY', retryable: false });
    expect((error as Error).message).toContain('RSA key of 1024 bits refused');
  });

  it('refuses curves other than P-256 and P-384', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    // Signed with a P-384 scheme: the curve check comes first anyway.
    const csr = await createCertificationRequest(encodeName(expected), softwareSigningKey('k', 'P-384', privateKey, spkiOf(publicKey)));
    expect(() => checkCsr(csr, expected)).toThrow(/curve 1\.3\.132\.0\.35 refused/);
  });

  it('refuses a CSR whose signature does not verify (no proof of possession)', async () => {
    const csr = await holderCsr(holder);
    const { signature } = parseCsr(csr);
    csr[csr.length - signature.length + 8] ^= 0x01;
    expect(() => checkCsr(csr, expected)).toThrow(ProofOfPossessionError);
  });

  it('refuses a CSR for another key than the one that signed it', async () => {
    const signer = await holderKey();
    const other = await holderKey();
    const csr = await createCertificationRequest(encodeName(expected), { ...signer, publicKey: other.publicKey });
    expect(() => checkCsr(csr, expected)).toThrow(ProofOfPossessionError);
  });

  it('refuses a subject that differs from the registration, naming the differences', async () => {
    const csr = await holderCsr(holderRegistration({ surname: 'Lefevre', registrationNumber: '13-000043' }));
    let error: unknown;
    try {
      checkCsr(csr, expected);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SubjectMismatchError);
    expect((error as SubjectMismatchError).differences).toEqual([
      'surname: registration has ["Lefèvre"], CSR has ["Lefevre"]',
      'serialNumber: registration has ["13-000042"], CSR has ["13-000043"]',
      'commonName: registration has ["Jeanne Lefèvre"], CSR has ["Jeanne Lefevre"]',
    ]);
  });

  it('refuses an extra attribute (e.g. an organisation the registration does not have)', async () => {
    const csr = await holderCsr(holderRegistration({ firm: 'Cabinet X' }));
    expect(() => checkCsr(csr, expected)).toThrow(/organizationName: registration has \[\], CSR has \["Cabinet X"\]/);
  });

  it('refuses garbage as malformed', () => {
    expect(() => checkCsr(Buffer.from('hello'), expected)).toThrow(MalformedCsrError);
    expect(() => checkCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', expected)).toThrow(CaError);
  });
});

function catching(operation: () => unknown): unknown {
  try {
    operation();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

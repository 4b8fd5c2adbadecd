import { verify } from 'node:crypto';
import { CSR_SIGNATURE_ALGORITHMS } from './algorithms.js';
import { children, contentOf, DerError, encodedOf, expectTag, readOid, readRoot } from './der.js';
import { KeyPolicyError, MalformedCsrError, ProofOfPossessionError, SubjectMismatchError } from './errors.js';
import { decodeName, type NameAttribute } from './names.js';
import { OID } from './oids.js';
import { toDer } from './pem.js';
import { describePublicKey, publicKeyObject } from './public-keys.js';

export interface ParsedCsr {
  readonly certificationRequestInfo: Buffer;
  readonly subject: Buffer;
  readonly subjectPublicKeyInfo: Buffer;
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
}

/** Reads a PKCS#10 CertificationRequest (RFC 2986 §4.1-4.2), DER or PEM. */
export function parseCsr(input: Uint8Array | string): ParsedCsr {
  try {
    const der = toDer(input, 'CERTIFICATE REQUEST');
    const root = expectTag(readRoot(der), 0x30, 'CertificationRequest');
    const [info, algorithm, signature] = children(der, root);
    const [version, subject, spki] = children(der, expectTag(info, 0x30, 'CertificationRequestInfo'));
    const versionValue = contentOf(der, expectTag(version, 0x02, 'version'));
    if (versionValue.length !== 1 || versionValue[0] !== 0) throw new DerError('version must be v1 (0)');
    const [algorithmOid] = children(der, expectTag(algorithm, 0x30, 'signatureAlgorithm'));
    const bits = contentOf(der, expectTag(signature, 0x03, 'signature'));
    if (bits[0] !== 0) throw new DerError('signature BIT STRING has unused bits');
    return {
      certificationRequestInfo: encodedOf(der, info),
      subject: encodedOf(der, expectTag(subject, 0x30, 'subject')),
      subjectPublicKeyInfo: encodedOf(der, expectTag(spki, 0x30, 'subjectPKInfo')),
      signatureAlgorithm: readOid(der, algorithmOid),
      signature: bits.subarray(1),
    };
  } catch (error) {
    if (error instanceof MalformedCsrError) throw error;
    throw new MalformedCsrError(`not a PKCS#10 certification request: ${(error as Error).message}`);
  }
}

/** Key policy (RGS / ETSI TS 119 312): RSA of at least 2048 bits, or ECDSA on P-256 or P-384. */
export function checkKeyPolicy(spki: Uint8Array): void {
  let description;
  try {
    description = describePublicKey(spki);
  } catch (error) {
    throw new KeyPolicyError(`public key cannot be read: ${(error as Error).message}`);
  }
  if (description.kind === 'rsa') {
    if (description.modulusBits < 2048) {
      throw new KeyPolicyError(`RSA key of ${description.modulusBits} bits refused: policy requires at least 2048`);
    }
    if (description.modulusBits > 8192) throw new KeyPolicyError(`RSA key of ${description.modulusBits} bits refused: at most 8192`);
    return;
  }
  if (description.kind === 'ec') {
    if (!description.algorithm) {
      throw new KeyPolicyError(`elliptic curve ${description.curveOid} refused: policy allows P-256 and P-384 only`);
    }
    return;
  }
  throw new KeyPolicyError(`public key algorithm ${description.algorithmOid} refused: RSA or ECDSA required`);
}

/** Verifies the CSR's self-signature: proof that the requester holds the private key (RFC 2986 §3). */
export function verifyProofOfPossession(csr: ParsedCsr): void {
  const scheme = CSR_SIGNATURE_ALGORITHMS[csr.signatureAlgorithm];
  if (!scheme) throw new ProofOfPossessionError(`CSR signature algorithm ${csr.signatureAlgorithm} is not accepted`);
  const keyKind = describePublicKey(csr.subjectPublicKeyInfo).kind;
  if ((scheme.kind === 'ecdsa') !== (keyKind === 'ec')) {
    throw new ProofOfPossessionError(`CSR signature algorithm ${csr.signatureAlgorithm} does not match its ${keyKind} key`);
  }
  let key;
  try {
    key = publicKeyObject(csr.subjectPublicKeyInfo);
  } catch (error) {
    throw new KeyPolicyError(`public key is invalid: ${(error as Error).message}`);
  }
  let valid = false;
  try {
    valid = verify(scheme.hash, csr.certificationRequestInfo, { key, dsaEncoding: 'der' }, csr.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new ProofOfPossessionError('CSR signature does not verify: no proof of possession of the private key');
}

/**
 * The CSR subject must carry exactly the attributes the registration gives (order aside): the
 * certificate is built from the registration, and a token that asked for another name was not
 * prepared for this holder.
 */
export function checkSubject(csrSubject: Uint8Array, expected: readonly NameAttribute[]): void {
  let actual: NameAttribute[];
  try {
    actual = decodeName(csrSubject).map(({ type, value }) => ({ type, value: value.normalize('NFC') }));
  } catch (error) {
    throw new MalformedCsrError(`CSR subject cannot be read: ${(error as Error).message}`);
  }
  const differences: string[] = [];
  const types = new Set([...expected.map((a) => a.type), ...actual.map((a) => a.type)]);
  for (const type of types) {
    const want = expected.filter((a) => a.type === type).map((a) => a.value).sort();
    const have = actual.filter((a) => a.type === type).map((a) => a.value).sort();
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      differences.push(`${attributeLabel(type)}: registration has ${JSON.stringify(want)}, CSR has ${JSON.stringify(have)}`);
    }
  }
  if (differences.length) {
    throw new SubjectMismatchError(`CSR subject differs from the registration data: ${differences.join('; ')}`, differences);
  }
}

function attributeLabel(type: string): string {
  const entry = Object.entries(OID).find(([, value]) => value === type);
  return entry ? entry[0] : type;
}

export interface CheckedCsr {
  readonly subjectPublicKeyInfo: Buffer;
}

/** All checks in the order that gives the most useful refusal: form, key policy, possession, subject. */
export function checkCsr(input: Uint8Array | string, expectedSubject: readonly NameAttribute[]): CheckedCsr {
  const csr = parseCsr(input);
  checkKeyPolicy(csr.subjectPublicKeyInfo);
  verifyProofOfPossession(csr);
  checkSubject(csr.subject, expectedSubject);
  return { subjectPublicKeyInfo: csr.subjectPublicKeyInfo };
}

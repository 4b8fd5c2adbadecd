import { BasicOCSPResponse, type Certificate, OCSPResponse } from 'pkijs';
import * as asn1js from 'asn1js';
import { findRevokedEntry, readCrl, verifyCrlSignature } from '#libs/ca-core';
import { revocationReasonFromCode } from '#libs/domain';
import { isSignedBy, nameDer, publicKeyOf, serialHex, signatureHash, spkiDer, verifyWithKey } from './certificates.js';
import type { RevocationStatus } from './verification-report.js';

/** The DER OCSP response about `certificate` (DER), whose CA is `issuer`; undefined when there is no responder to ask. */
export type OcspFetcher = (certificate: Uint8Array, issuer: Uint8Array) => Promise<Uint8Array | undefined>;
/** DER CRLs that may list `certificate`, whose CA is `issuer`; throws when a source could not be read. */
export type CrlFetcher = (certificate: Uint8Array, issuer: Uint8Array) => Promise<Uint8Array[]>;
/** DER candidate issuer certificates of `certificate`. */
export type IssuerFetcher = (certificate: Uint8Array) => Promise<Uint8Array[]>;

export interface RevocationOutcome {
  readonly status?: RevocationStatus;
  /** Why a source given could not be used. */
  readonly problems: string[];
}

const BASIC_OCSP_RESPONSE = '1.3.6.1.5.5.7.48.1.1';

/**
 * The signer's status from the CRLs given: only a CRL whose issuer is the signer's CA and whose
 * signature verifies under that CA's key counts; the serial is found by scanning the DER, so a
 * 100,000-entry CRL costs milliseconds (issue 6), not a full parse.
 */
export function checkCrls(signer: Certificate, issuer: Certificate, crls: readonly Uint8Array[], now: Date): RevocationOutcome {
  const problems: string[] = [];
  const issuerName = nameDer(issuer.subject);
  const issuerKey = spkiDer(issuer);
  for (const crl of crls) {
    let summary: ReturnType<typeof readCrl>;
    try {
      summary = readCrl(crl);
    } catch (error) {
      problems.push(`a CRL given could not be read: ${(error as Error).message}`);
      continue;
    }
    if (!summary.issuer.equals(issuerName)) continue;
    if (!verifyCrlSignature(crl, issuerKey)) {
      problems.push('a CRL of the signer’s CA has a signature that does not verify with the CA key');
      continue;
    }
    const entry = findRevokedEntry(crl, serialHex(signer));
    if (entry) {
      const reason = entry.reasonCode !== undefined ? revocationReasonFromCode(entry.reasonCode) : 'unspecified';
      return { status: { status: 'revoked', revokedAt: entry.revokedAt, ...(reason ? { reason } : {}), source: 'crl' }, problems };
    }
    if (summary.nextUpdate && summary.nextUpdate < now) {
      problems.push(`the CRL of the signer’s CA expired at ${summary.nextUpdate.toISOString()}`);
      continue;
    }
    return { status: { status: 'good', source: 'crl' }, problems };
  }
  return { problems };
}

/** RFC 6960: the response must be signed by the CA itself or by a responder certificate it issued. */
export async function checkOcsp(signer: Certificate, issuer: Certificate, fetch: OcspFetcher, signerDer: Uint8Array, issuerDer: Uint8Array, now: Date): Promise<RevocationOutcome> {
  let der: Uint8Array | undefined;
  try {
    der = await fetch(signerDer, issuerDer);
  } catch (error) {
    return { problems: [`the OCSP responder could not be reached: ${(error as Error).message}`] };
  }
  if (!der) return { problems: [] };
  try {
    const response = OCSPResponse.fromBER(der);
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return { problems: [`the OCSP responder answered with error status ${status}`] };
    if (response.responseBytes?.responseType !== BASIC_OCSP_RESPONSE) return { problems: ['the OCSP response is not a basic response'] };
    const basic = BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
    const responder = [issuer, ...(basic.certs ?? []).filter((certificate) => isSignedBy(certificate, issuer))];
    const hash = signatureHash(basic.signatureAlgorithm.algorithmId);
    const signed = hash && responder.some((certificate) =>
      verifyWithKey(hash, basic.tbsResponseData.tbsView, publicKeyOf(certificate), basic.signature.valueBlock.valueHexView));
    if (!signed) return { problems: ['the OCSP response signature does not verify with the CA or a responder it certified'] };
    const serial = serialHex(signer);
    const single = basic.tbsResponseData.responses.find(
      (candidate) => Buffer.from(candidate.certID.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^(00)+(?=.)/, '') === serial,
    );
    if (!single) return { problems: ['the OCSP response does not cover the signer certificate'] };
    // RFC 6960 §3.2 (5): a response past its nextUpdate says nothing about now.
    if (single.nextUpdate && single.nextUpdate < now) return { problems: [`the OCSP response expired at ${single.nextUpdate.toISOString()}`] };
    const certStatus = single.certStatus as asn1js.Constructed | asn1js.Primitive;
    switch (certStatus.idBlock.tagNumber) {
      case 0:
        return { status: { status: 'good', source: 'ocsp' }, problems: [] };
      case 1: {
        const [time, reasonWrapper] = (certStatus as asn1js.Constructed).valueBlock.value as [asn1js.GeneralizedTime, asn1js.Constructed?];
        const code = (reasonWrapper?.valueBlock.value[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
        const reason = code !== undefined ? revocationReasonFromCode(code) : 'unspecified';
        return { status: { status: 'revoked', revokedAt: revokedTime(time), ...(reason ? { reason } : {}), source: 'ocsp' }, problems: [] };
      }
      default:
        return { status: { status: 'unknown', source: 'ocsp' }, problems: ['the OCSP responder does not know the signer certificate'] };
    }
  } catch (error) {
    return { problems: [`the OCSP response could not be read: ${(error as Error).message}`] };
  }
}

function revokedTime(node: asn1js.GeneralizedTime | asn1js.Constructed): Date {
  if (node instanceof asn1js.GeneralizedTime) return node.toDate();
  // [1] IMPLICIT RevokedInfo keeps the GeneralizedTime as its first element.
  return new asn1js.GeneralizedTime({ valueHex: (node as unknown as asn1js.Primitive).valueBlock.valueHexView }).toDate();
}

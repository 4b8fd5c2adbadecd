import type { Certificate } from 'pkijs';
import { certificateDer, describeName, isSignedBy, isValidAt, sameName } from './certificates.js';

/** Beyond this depth the profession's hierarchy (root → regional CA → holder) cannot be. */
const MAX_CHAIN_LENGTH = 6;

export interface ChainResult {
  /** From the signer up to the trust anchor, when one was reached. */
  readonly path: Certificate[];
  readonly trusted: boolean;
  /** Why no trust anchor was reached, when none was. */
  readonly untrusted?: string;
  /** Validity problems of the certificates on the path. */
  readonly problems: string[];
}

/**
 * Builds the path from `signer` to one of `anchors` by name and verified signature, then checks
 * every certificate's validity at signing time and now (issue 6: validity at both instants).
 */
export function buildChain(
  signer: Certificate,
  candidates: readonly Certificate[],
  anchors: readonly Certificate[],
  instants: readonly { label: string; at: Date }[],
): ChainResult {
  const path = [signer];
  const problems: string[] = [];
  let untrusted: string | undefined;
  const anchorDers = anchors.map((anchor) => Buffer.from(certificateDer(anchor)));
  const isAnchor = (certificate: Certificate) => anchorDers.some((der) => der.equals(certificateDer(certificate)));
  let trusted = isAnchor(signer);
  while (!trusted && path.length <= MAX_CHAIN_LENGTH) {
    const current = path[path.length - 1];
    const issuer = [...anchors, ...candidates].find(
      (candidate) => sameName(candidate.subject, current.issuer) && isSignedBy(current, candidate),
    );
    if (!issuer) {
      untrusted = `the certificate of ${describeName(current.subject)} does not chain up to a trusted root (no issuer among the trust anchors and intermediates verifies its signature)`;
      break;
    }
    if (issuer === current || path.includes(issuer)) {
      untrusted = `self-signed certificate ${describeName(current.subject)} is not a trust anchor`;
      break;
    }
    path.push(issuer);
    trusted = isAnchor(issuer);
  }
  if (!trusted && !untrusted) untrusted = `the certification path is longer than ${MAX_CHAIN_LENGTH} certificates without reaching a trusted root`;
  for (const certificate of path) {
    for (const { label, at } of instants) {
      if (!isValidAt(certificate, at)) {
        problems.push(
          `certificate ${describeName(certificate.subject)} is not valid at ${label} (${at.toISOString()}; valid ${certificate.notBefore.value.toISOString()} to ${certificate.notAfter.value.toISOString()})`,
        );
      }
    }
  }
  return { path, trusted, ...(untrusted ? { untrusted } : {}), problems };
}

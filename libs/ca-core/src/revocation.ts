import { type RevocationReason, isRevocationReason, revocationReasonCode } from '#libs/domain';
import { truncateToSeconds } from './certificate-profiles.js';
import { InvalidRevocationError } from './errors.js';
import { type SerialNumber, normalizeSerialNumber } from './serial-numbers.js';

/** What the caller persists for a revoked certificate; CRLs and OCSP answers are built from it. */
export interface RevocationRecord {
  /** Issuing CA name (a region code). */
  readonly issuer: string;
  readonly serial: SerialNumber;
  readonly reason: RevocationReason;
  /** RFC 5280 §5.3.1 CRLReason code. */
  readonly reasonCode: number;
  readonly revokedAt: string;
  /** When the key is known or suspected to have been compromised (RFC 5280 §5.3.2), if known. */
  readonly invalidityDate?: string;
}

export interface RevocationRequest {
  readonly issuer: string;
  readonly serial: string;
  readonly reason: RevocationReason;
  readonly invalidityDate?: Date | string;
  readonly now: Date;
}

/**
 * Records a revocation (contract §9: final, no suspension). Pure: the caller persists the record
 * and publishes a new CRL at once (DESIGN.md "Revocation").
 */
export function revoke(request: RevocationRequest): RevocationRecord {
  if (!isRevocationReason(request.reason)) {
    throw new InvalidRevocationError(`unknown revocation reason ${JSON.stringify(request.reason)}`);
  }
  const revokedAt = truncateToSeconds(request.now);
  const record: RevocationRecord = {
    issuer: request.issuer,
    serial: normalizeSerialNumber(request.serial),
    reason: request.reason,
    reasonCode: revocationReasonCode(request.reason),
    revokedAt: revokedAt.toISOString(),
  };
  if (request.invalidityDate === undefined) return record;
  const invalidity = new Date(request.invalidityDate);
  if (Number.isNaN(invalidity.getTime())) throw new InvalidRevocationError('invalidityDate is not a date');
  if (invalidity > request.now) {
    throw new InvalidRevocationError('invalidityDate is in the future: it records when the key was (suspected) compromised');
  }
  return { ...record, invalidityDate: truncateToSeconds(invalidity).toISOString() };
}

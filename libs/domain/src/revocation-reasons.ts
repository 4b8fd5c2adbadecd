/**
 * Revocation reasons a holder, staff, the regional CA or CSOEC may give (contract §9.1), with
 * their RFC 5280 §5.3.1 CRLReason codes.
 *
 * Left out on purpose: certificateHold (6) and removeFromCRL (8), because the contract knows no
 * suspension — a revocation is final; aACompromise (10), which concerns attribute certificates.
 */
export const REVOCATION_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASON_CODES;

export const REVOCATION_REASONS = Object.keys(REVOCATION_REASON_CODES) as RevocationReason[];

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === 'string' && Object.hasOwn(REVOCATION_REASON_CODES, value);
}

export function revocationReasonCode(reason: RevocationReason): number {
  return REVOCATION_REASON_CODES[reason];
}

export function revocationReasonFromCode(code: number): RevocationReason | undefined {
  return REVOCATION_REASONS.find((reason) => REVOCATION_REASON_CODES[reason] === code);
}

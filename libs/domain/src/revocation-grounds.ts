import type { Actor } from './actors.js';
import type { RevocationReason } from './revocation-reasons.js';

/**
 * Why a subscription's certificates are revoked, in the contract's words (§9.1), each mapped to
 * the RFC 5280 §5.3.1 reason code published in the CRL and OCSP answers.
 */
export const REVOCATION_GROUNDS = {
  /** Signature-creation data compromised, lost or stolen (§9.1). */
  'key-compromise': 'keyCompromise',
  /** Activation code disclosed: whoever holds the token can sign (§9.1, §12.2). */
  'activation-code-compromised': 'keyCompromise',
  /** Activation code lost: the key is safe but unusable (§9.1). */
  'activation-code-lost': 'cessationOfOperation',
  /** Certificate content no longer accurate (§9.1, §12.2: changes reported by the holder). */
  'information-inaccurate': 'affiliationChanged',
  /** The holder did not respect the conditions of use (§9.1). */
  'obligations-not-respected': 'privilegeWithdrawn',
  /** Real and serious cause found by the regional CA, the CROEC or the CSOEC (§9.1, last paragraph). */
  'authority-decision': 'privilegeWithdrawn',
  /** The holder asks, without giving another ground (§9.1: "à tout moment"). */
  'holder-request': 'unspecified',
  /** Originals shown at hand-over do not match the copies (§6.2). */
  'identity-not-verified': 'privilegeWithdrawn',
  /** Token never collected within the delivery period. */
  'token-not-delivered': 'cessationOfOperation',
  /** The renewed pair was delivered (§13.1). */
  superseded: 'superseded',
  /** Staff closed a request held by an incident before its token was handed over (DESIGN.md, "Incidents"). */
  'closed-after-incident': 'cessationOfOperation',
} as const satisfies Record<string, RevocationReason>;

export type RevocationGround = keyof typeof REVOCATION_GROUNDS;
export const REVOCATION_GROUNDS_LIST = Object.keys(REVOCATION_GROUNDS) as RevocationGround[];

export function isRevocationGround(value: unknown): value is RevocationGround {
  return typeof value === 'string' && Object.hasOwn(REVOCATION_GROUNDS, value);
}

export function revocationReasonOf(ground: RevocationGround): RevocationReason {
  return REVOCATION_GROUNDS[ground];
}

/** Grounds the system alone invokes (hand-over, delivery timer, renewal); people may not choose them. */
const SYSTEM_GROUNDS: ReadonlySet<RevocationGround> = new Set(['identity-not-verified', 'token-not-delivered', 'superseded', 'closed-after-incident']);

/** The grounds a person may give (staff, officers; the holder a subset): what the API's DTOs accept. */
export const PERSON_REVOCATION_GROUNDS: readonly RevocationGround[] = REVOCATION_GROUNDS_LIST.filter((ground) => !SYSTEM_GROUNDS.has(ground));

/**
 * Who may ask for a revocation on which ground: the holder for their own reasons, staff of the CA,
 * ECMA and CSOEC for any ground a person may give (§9.1); never auditors or CROEC agents.
 * Returns the refusal, or undefined when allowed.
 */
export function refuseRevocationRequest(actor: Actor, ground: RevocationGround): string | undefined {
  if (actor.kind === 'system') return undefined;
  if (SYSTEM_GROUNDS.has(ground)) return `ground ${ground} is set by the system only`;
  if (actor.kind === 'holder') {
    return ground === 'authority-decision' || ground === 'obligations-not-respected'
      ? `a holder cannot revoke on ground ${ground}`
      : undefined;
  }
  if (actor.role === 'auditor' || actor.role === 'croec-agent') return `role ${actor.role} cannot revoke`;
  return undefined;
}

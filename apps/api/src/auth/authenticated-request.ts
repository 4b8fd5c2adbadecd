import type { Request } from 'express';
import type { StaffActor } from '#libs/domain';

/**
 * A holder signed in by proving a mailbox (email proof or magic link). What the session opens is
 * what that proof covers: the cycles registered with that address, never "every cycle of a
 * registration number", which anyone can read on the Ordre's roll.
 */
export interface AuthenticatedHolder {
  kind: 'holder';
  /** The cycle the session was opened from. */
  subscriptionId: string;
  /** The cycles the session opens (HolderSessionRecord.subscriptionIds). */
  subscriptionIds: string[];
}

/** What the guards attach to the request. */
export interface AuthenticatedRequest extends Request {
  staffActor?: StaffActor;
  holderActor?: AuthenticatedHolder;
  /** SHA-256 of the bearer token that authenticated the request (logout). */
  sessionTokenHash?: string;
}

import type { Request } from 'express';
import type { HolderActor, StaffActor } from '#libs/domain';

/** A holder signed in for one subscription (by email proof or magic link). */
export interface AuthenticatedHolder extends HolderActor {
  subscriptionId: string;
}

/** What the guards attach to the request. */
export interface AuthenticatedRequest extends Request {
  staffActor?: StaffActor;
  holderActor?: AuthenticatedHolder;
  /** SHA-256 of the bearer token that authenticated the request (logout). */
  sessionTokenHash?: string;
}

import type { RegionCode } from './regions.js';

/** Staff roles of the back-office (ECMA, CROEC, CSOEC, the CA operator, audit). */
export const STAFF_ROLES = ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** A member of staff acting on a subscription; a CROEC agent belongs to one region (contract §6.2). */
export interface StaffActor {
  kind: 'staff';
  id: string;
  role: StaffRole;
  region?: RegionCode;
  /** Set when the staff member is also on the Ordre's roll: they may not review their own request. */
  registrationNumber?: string;
}

/** The holder of the subscription, authenticated by the API. */
export interface HolderActor {
  kind: 'holder';
  registrationNumber: string;
}

/** The system itself (timers, renewals, the regional CA's own decisions). */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = StaffActor | HolderActor | SystemActor;

export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `${actor.role} ${actor.id}`;
    case 'holder':
      return 'holder';
    case 'system':
      return `system (${actor.name})`;
  }
}

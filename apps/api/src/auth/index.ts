// The public face of authentication: other modules import from here, never from the files.
export { AuthModule } from './auth.module.js';
export type { AuthenticatedHolder, AuthenticatedRequest } from './authenticated-request.js';
export { CurrentActor, CurrentHolder, CurrentStaff } from './current-actor.decorators.js';
export { HolderAuthGuard, StaffOrHolderAuthGuard } from './holder-auth.guard.js';
export { HOLDER_SESSION_TTL_MS, HolderSessions, type HolderIdentity, type OpenedHolderSession } from './holder-sessions.service.js';
export { Roles } from './roles.decorator.js';
export { StaffAuthGuard } from './staff-auth.guard.js';
export { STAFF_SESSION_TTL_MS, StaffSessions, signInClientActor, type OpenedStaffSession } from './staff-sessions.service.js';
export { FIRST_BACKOFF_MS, FREE_FAILURES, MAX_BACKOFF_MS, backoffAfter } from './sign-in-backoff.js';
export { StaffAccountError, StaffAccounts, type NewStaffAccount } from './staff-accounts.js';

import { HolderAuthGuard, StaffAuthGuard, StaffOrHolderAuthGuard } from '../auth/index.js';
import type { RouteFacts } from './route-metadata.js';

/** Names of the security schemes in `components.securitySchemes` (the fuzzer's config uses them too). */
export const STAFF_SESSION = 'staffSession';
export const HOLDER_SESSION = 'holderSession';

export const SECURITY_SCHEMES = {
  [STAFF_SESSION]: {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff session token, from POST /v1/admin/sessions (opaque, 12 h); StaffAuthGuard, then the roles the operation names.',
  },
  [HOLDER_SESSION]: {
    type: 'http',
    scheme: 'bearer',
    description: 'A holder session token, from an email confirmation or a sign-in link (POST /v1/sessions/magic-link); HolderAuthGuard.',
  },
} as const;

export type SecurityRequirement = Record<string, string[]>;

/**
 * The security requirements of an operation, from its guards: one requirement per session that
 * opens it (alternatives), none (`[]`) on a public route. Undefined for a guard not listed here, so
 * that the document's completeness test fails until someone says what it asks for.
 */
export function securityOf(route: RouteFacts): SecurityRequirement[] | undefined {
  const requirements: SecurityRequirement[] = [];
  for (const guard of route.guards) {
    if (guard === StaffAuthGuard) requirements.push({ [STAFF_SESSION]: [] });
    else if (guard === HolderAuthGuard) requirements.push({ [HOLDER_SESSION]: [] });
    else if (guard === StaffOrHolderAuthGuard) requirements.push({ [STAFF_SESSION]: [] }, { [HOLDER_SESSION]: [] });
    else return undefined;
  }
  // A class guard and a handler guard of the same kind (a class @Roles, a handler UseGuards) are one requirement.
  return [...new Map(requirements.map((r) => [Object.keys(r)[0], r])).values()];
}

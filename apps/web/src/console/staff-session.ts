import { ApiClient, type StoredSession } from '../shared/api-client.js';

/** The console's API client: the staff session lives in this tab only (sessionStorage). */
export const api = new ApiClient('signexpert.staff', () => {
  // The session expired or was ended elsewhere: back to the sign-in page, remembering where we were.
  if (!location.pathname.startsWith('/console/connexion')) location.assign(`/console/connexion?retour=${encodeURIComponent(location.pathname)}`);
});

export type StaffRole = 'ecma-operator' | 'croec-agent' | 'csoec-officer' | 'ca-officer' | 'auditor';

export interface StaffSession extends StoredSession {
  role: StaffRole;
  region: string | null;
  login: string;
}

export function currentStaff(): StaffSession | undefined {
  return api.session as StaffSession | undefined;
}

export function hasRole(...roles: StaffRole[]): boolean {
  const staff = currentStaff();
  return !!staff && roles.includes(staff.role);
}

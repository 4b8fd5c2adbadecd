import type { StaffRole } from './staff-session.js';

/** One entry of the console's menu, shown only to the roles the API lets do it. */
export interface MenuEntry {
  path: string;
  label: string;
  roles: StaffRole[];
}

// The same roles as the API's @Roles on the routes each screen uses: hiding is a courtesy, the API refuses anyway.
export const MENU: MenuEntry[] = [
  { path: '/console/revues', label: 'Revues de dossiers', roles: ['ecma-operator'] },
  { path: '/console/paiements', label: 'Paiements', roles: ['ecma-operator'] },
  { path: '/console/emissions', label: 'Émissions', roles: ['ecma-operator', 'ca-officer'] },
  { path: '/console/incidents', label: 'Incidents', roles: ['ecma-operator', 'ca-officer', 'csoec-officer', 'auditor'] },
  { path: '/console/remises', label: 'Remises de supports', roles: ['croec-agent'] },
  { path: '/console/recherche', label: 'Rechercher un titulaire', roles: ['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'] },
  { path: '/console/revocations-groupees', label: 'Révocations groupées', roles: ['csoec-officer', 'ca-officer', 'auditor'] },
  { path: '/console/audit', label: 'Journal d’audit', roles: ['auditor', 'ca-officer'] },
];

export function menuFor(role: StaffRole): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

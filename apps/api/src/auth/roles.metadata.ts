/** Reflect-metadata key of `@Roles(...)`, read by StaffAuthGuard. */
export const ROLES_METADATA = 'signexpert:staff-roles';

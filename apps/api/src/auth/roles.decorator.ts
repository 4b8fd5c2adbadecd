import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import type { StaffRole } from '#libs/domain';
import { ROLES_METADATA } from './roles.metadata.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/**
 * Only staff with one of these roles (403 otherwise, naming them). Applies StaffAuthGuard itself,
 * so a route can never carry roles without authentication. On a class or a handler (the
 * handler's list wins).
 */
export function Roles(...roles: StaffRole[]): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(ROLES_METADATA, roles), UseGuards(StaffAuthGuard));
}

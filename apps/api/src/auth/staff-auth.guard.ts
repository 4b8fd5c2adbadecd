import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AuditLog } from '#libs/audit';
import { describeActor, type StaffRole } from '#libs/domain';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { ROLES_METADATA } from './roles.metadata.js';
import { bearerToken, sessionTokenHash } from './session-tokens.js';
import { StaffSessions } from './staff-sessions.service.js';


/**
 * `Authorization: Bearer <token>` of a live staff session → `request.staffActor`; 401 otherwise.
 * Then the roles of `@Roles(...)`, if any: 403 naming them, and the refusal is audited.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    @Inject(StaffSessions) private readonly sessions: StaffSessions,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.staffActor) {
      const token = bearerToken(request.headers.authorization);
      const actor = token ? await this.sessions.authenticate(token) : null;
      if (!actor) {
        context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="signexpert-staff"');
        throw new UnauthorizedException({ title: 'authentication required', detail: 'A valid staff session (Authorization: Bearer) is required.' });
      }
      request.staffActor = actor;
      request.sessionTokenHash = sessionTokenHash(token!);
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]);
    const actor = request.staffActor;
    if (roles && !roles.includes(actor.role)) {
      await this.audit.record({
        actor: describeActor(actor),
        action: 'access.deny',
        subject: typeof request.params?.id === 'string' ? request.params.id : null,
        details: { method: request.method, route: routeOf(request), requiredRoles: roles },
      });
      throw new ForbiddenException({
        title: 'role not allowed',
        detail: `This action requires one of the roles: ${roles.join(', ')} (signed in as ${actor.role}).`,
      });
    }
    return true;
  }
}

/** The route pattern (`/v1/admin/subscriptions/:id/review`), not the URL: no query string, no personal data. */
export function routeOf(request: AuthenticatedRequest): string {
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl ?? ''}${route.path}` : 'unknown';
}

import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { HolderSessions } from './holder-sessions.service.js';
import { bearerToken, sessionTokenHash } from './session-tokens.js';
import { StaffSessions } from './staff-sessions.service.js';

/**
 * `Authorization: Bearer <token>` of a live holder session → `request.holderActor`; 401 otherwise.
 * Whether that holder may touch the subscription in the URL is the route's decision
 * (`holderMayOpen`: the cycles the session's mailbox proof covers).
 */
@Injectable()
export class HolderAuthGuard implements CanActivate {
  constructor(@Inject(HolderSessions) private readonly sessions: HolderSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.holderActor) return true;
    const token = bearerToken(request.headers.authorization);
    const holder = token ? await this.sessions.authenticate(token) : null;
    if (!holder) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="signexpert-holder"');
      throw new UnauthorizedException({ title: 'authentication required', detail: 'A valid holder session (Authorization: Bearer) is required.' });
    }
    request.holderActor = holder;
    request.sessionTokenHash = sessionTokenHash(token!);
    return true;
  }
}

/** Either a staff or a holder session (e.g. GET /v1/subscriptions/:id: "holder or staff only"). */
@Injectable()
export class StaffOrHolderAuthGuard implements CanActivate {
  constructor(
    @Inject(StaffSessions) private readonly staff: StaffSessions,
    @Inject(HolderSessions) private readonly holders: HolderSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.staffActor || request.holderActor) return true;
    const token = bearerToken(request.headers.authorization);
    if (token) {
      const staff = await this.staff.authenticate(token);
      if (staff) request.staffActor = staff;
      else {
        const holder = await this.holders.authenticate(token);
        if (holder) request.holderActor = holder;
      }
    }
    if (!request.staffActor && !request.holderActor) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({ title: 'authentication required', detail: 'A valid holder or staff session (Authorization: Bearer) is required.' });
    }
    request.sessionTokenHash = sessionTokenHash(token!);
    return true;
  }
}

import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { AuditLog } from '#libs/audit';
import { describeActor, refuseText } from '#libs/domain';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { routeOf } from '../auth/staff-auth.guard.js';
import { AUDITED_METADATA, type AuditedMetadata } from './audited.metadata.js';

/** Extra facts a handler wants in its audit entry (ids, decision, reason; never personal data). */
export function addAuditDetails(request: object, details: Record<string, unknown>): void {
  const holder = request as { auditDetails?: Record<string, unknown> };
  holder.auditDetails = { ...holder.auditDetails, ...details };
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const metadata = this.reflector.getAllAndOverride<AuditedMetadata | undefined>(AUDITED_METADATA, [context.getHandler(), context.getClass()]);
    if (!metadata) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { auditDetails?: Record<string, unknown> }>();
    const record = (outcome: Record<string, unknown>) => {
      const actor = request.staffActor ?? request.holderActor;
      const given = request.params?.[metadata.subjectParam];
      // A refused call is audited too, with whatever it named: a subject that is not text (a NUL,
      // which PostgreSQL cannot store) is left out rather than fail the record and the answer.
      const subject = typeof given === 'string' && given.length > 0 && !refuseText(given) ? given.slice(0, 200) : null;
      return this.audit.record({
        actor: actor ? (actor.kind === 'holder' ? 'holder' : describeActor(actor)) : 'anonymous',
        action: metadata.action,
        subject,
        details: { method: request.method, route: routeOf(request), ...(subject === null && given ? { subjectRefused: true } : {}), ...request.auditDetails, ...outcome },
      });
    };
    return next.handle().pipe(
      mergeMap((result) => from(record({ outcome: 'done' }).then(() => result))),
      catchError((error: unknown) =>
        from(record({ outcome: 'refused', status: error instanceof HttpException ? error.getStatus() : 500 })).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}

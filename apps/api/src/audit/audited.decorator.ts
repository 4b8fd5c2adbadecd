import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { AuditInterceptor } from './audit.interceptor.js';
import { AUDITED_METADATA, type AuditedMetadata } from './audited.metadata.js';

export interface AuditedOptions {
  /** Route parameter naming the subject (default `id`). */
  subjectParam?: string;
}

/**
 * Records every call of this route in the audit log, with the signed-in actor (put it beside
 * `@Roles(...)` or a guard), the route parameter as subject, and the outcome: success, or the
 * refusal's status (a 409 from the workflow is recorded too). A call that cannot be audited fails.
 */
export function Audited(action: string, options: AuditedOptions = {}): ClassDecorator & MethodDecorator {
  const metadata: AuditedMetadata = { action, subjectParam: options.subjectParam ?? 'id' };
  return applyDecorators(SetMetadata(AUDITED_METADATA, metadata), UseInterceptors(AuditInterceptor));
}

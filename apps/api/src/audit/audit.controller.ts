import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AuditLog } from '#libs/audit';
// Not through ../auth/index.js: the auth module imports this module (sign-ins are audited).
import { Roles } from '../auth/roles.decorator.js';
import { Audited } from './audited.decorator.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

/** The audit log, for auditors and CA officers; reading it is itself audited. */
@Controller('v1/admin/audit')
@Roles('auditor', 'ca-officer')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  @Audited('audit.read')
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }

  /** `{ ok: true, count }` or `{ ok: false, firstBadId, reason, count }` (count = entries verified before it). */
  @Get('verification')
  @Audited('audit.verify')
  verify() {
    return this.audit.verify();
  }
}

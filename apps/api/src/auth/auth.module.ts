import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { HolderAuthGuard, StaffOrHolderAuthGuard } from './holder-auth.guard.js';
import { HolderSessions } from './holder-sessions.service.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffSessions } from './staff-sessions.service.js';
import { StaffSessionsController } from './staff-sessions.controller.js';

/**
 * Staff sign-in, holder sessions and the guards every other module uses. Global, and brings the
 * audit module with it: sign-ins are audited, and so are the staff calls the guards let through.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [StaffSessionsController],
  providers: [StaffSessions, HolderSessions, StaffAuthGuard, HolderAuthGuard, StaffOrHolderAuthGuard],
  exports: [StaffSessions, HolderSessions, StaffAuthGuard, HolderAuthGuard, StaffOrHolderAuthGuard],
})
export class AuthModule {}

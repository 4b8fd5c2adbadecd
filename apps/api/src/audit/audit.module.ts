import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';

/** The audit log for the whole API (global: every module records into it). */
@Global()
@Module({
  controllers: [AuditController],
  providers: [{ provide: AuditLog, useFactory: (dataSource: DataSource) => new AuditLog(dataSource), inject: [DataSource] }, AuditInterceptor],
  exports: [AuditLog, AuditInterceptor],
})
export class AuditModule {}

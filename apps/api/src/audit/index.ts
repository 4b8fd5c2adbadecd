// The public face of auditing in the API. AuthModule imports AuditModule: importing AuthModule is enough.
export { AuditModule } from './audit.module.js';
export { AuditInterceptor, addAuditDetails } from './audit.interceptor.js';
export { Audited, type AuditedOptions } from './audited.decorator.js';
export { AuditLog, type AuditEntryInput, type AuditVerification } from '#libs/audit';

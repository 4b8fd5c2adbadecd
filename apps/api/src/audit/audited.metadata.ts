/** Reflect-metadata key of `@Audited(...)`, read by AuditInterceptor. */
export const AUDITED_METADATA = 'signexpert:audited';

export interface AuditedMetadata {
  action: string;
  subjectParam: string;
}

import { CertificateRecord } from './certificate.record.js';
import { CrlRecord } from './crl.record.js';
import { EmailProofRecord } from './email-proof.record.js';
import { IdDocumentRecord } from './id-document.record.js';
import { IssuanceIntentRecord } from './issuance-intent.record.js';
import { SubscriptionEventRecord } from './subscription-event.record.js';
import { SubscriptionRecord } from './subscription.record.js';
import { StaffAccountRecord } from './staff-account.record.js';
import { StaffSessionRecord } from './staff-session.record.js';
import { HolderSessionRecord } from './holder-session.record.js';
import { AuditEntryRecord } from './audit-entry.record.js';
import { SignInLinkRecord } from './sign-in-link.record.js';
import { IncidentRecord } from './incident.record.js';
import { SignInFailureRecord } from './sign-in-failure.record.js';
import { RegistrationClaimRecord } from './registration-claim.record.js';

export { CertificateRecord, CrlRecord, EmailProofRecord, IdDocumentRecord, IssuanceIntentRecord, SubscriptionEventRecord, SubscriptionRecord };
export { StaffAccountRecord, StaffSessionRecord, HolderSessionRecord, AuditEntryRecord };
export { SignInLinkRecord, IncidentRecord, RegistrationClaimRecord };
export { SignInFailureRecord };

export const ENTITIES = [
  SubscriptionRecord,
  SubscriptionEventRecord,
  EmailProofRecord,
  IssuanceIntentRecord,
  CertificateRecord,
  CrlRecord,
  IdDocumentRecord,
  StaffAccountRecord,
  StaffSessionRecord,
  HolderSessionRecord,
  AuditEntryRecord,
  SignInLinkRecord,
  IncidentRecord,
  RegistrationClaimRecord,
  SignInFailureRecord,
];

import { InitialSchema1764403200000 } from './1764403200000-initial-schema.js';
import { SubscriptionLifecycle1764460800000 } from './1764460800000-subscription-lifecycle.js';
import { IdDocuments1764633600000 } from './1764633600000-id-documents.js';
import { StaffAndAudit1764547200000 } from './1764547200000-staff-and-audit.js';
import { SignInLinks1764720000000 } from './1764720000000-sign-in-links.js';
import { Incidents1764806400000 } from './1764806400000-incidents.js';
import { RegistrationClaims1764979200000 } from './1764979200000-registration-claims.js';
import { SignInFailures1765065600000 } from './1765065600000-sign-in-failures.js';

/** In order of application. A new migration is appended here (`npm run migration:drift` prints its SQL). */
export const MIGRATIONS = [InitialSchema1764403200000, SubscriptionLifecycle1764460800000, IdDocuments1764633600000, StaffAndAudit1764547200000, SignInLinks1764720000000, Incidents1764806400000, RegistrationClaims1764979200000, SignInFailures1765065600000];

import type { Route } from '../shared/router.js';
import { auditPage } from './pages/audit.page.js';
import { bulkRevocationPage } from './pages/bulk-revocation.page.js';
import { bulkRevocationsPage } from './pages/bulk-revocations.page.js';
import { handOverPage } from './pages/hand-over.page.js';
import { handOverQueuePage } from './pages/hand-over-queue.page.js';
import { homePage } from './pages/home.page.js';
import { incidentsPage } from './pages/incidents.page.js';
import { issuancePage } from './pages/issuance.page.js';
import { paymentQueuePage } from './pages/payment-queue.page.js';
import { reviewPage } from './pages/review.page.js';
import { reviewQueuePage } from './pages/review-queue.page.js';
import { searchPage } from './pages/search.page.js';
import { signInPage } from './pages/sign-in.page.js';
import { subscriptionPage } from './pages/subscription.page.js';

/** Every console URL. Mails link to /console/revues (activities/public-urls.ts). */
export const CONSOLE_ROUTES: Route[] = [
  { path: '/console', page: homePage },
  { path: '/console/connexion', page: signInPage },
  { path: '/console/revues', page: reviewQueuePage },
  { path: '/console/revues/:id', page: reviewPage },
  { path: '/console/paiements', page: paymentQueuePage },
  { path: '/console/emissions', page: issuancePage },
  { path: '/console/incidents', page: incidentsPage },
  { path: '/console/remises', page: handOverQueuePage },
  { path: '/console/remises/:id', page: handOverPage },
  { path: '/console/recherche', page: searchPage },
  { path: '/console/dossiers/:id', page: subscriptionPage },
  { path: '/console/revocations-groupees', page: bulkRevocationsPage },
  { path: '/console/revocations-groupees/:id', page: bulkRevocationPage },
  { path: '/console/audit', page: auditPage },
];

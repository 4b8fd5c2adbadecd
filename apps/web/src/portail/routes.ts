import type { Route } from '../shared/router.js';
import { changesPage } from './pages/changes.page.js';
import { conditionsPage } from './pages/conditions.page.js';
import { confirmationPage } from './pages/confirmation.page.js';
import { documentsPage } from './pages/documents.page.js';
import { helpPage } from './pages/help.page.js';
import { homePage } from './pages/home.page.js';
import { registrationPage } from './pages/registration.page.js';
import { renewalPage } from './pages/renewal.page.js';
import { requestPage } from './pages/request.page.js';
import { revocationPage } from './pages/revocation.page.js';
import { signInPage } from './pages/sign-in.page.js';

/** Every holder URL. The mails link to several of them (activities/public-urls.ts): keep those stable. */
export const PORTAIL_ROUTES: Route[] = [
  { path: '/portail', page: homePage },
  { path: '/portail/inscription', page: registrationPage },
  { path: '/portail/confirmation', page: confirmationPage },
  { path: '/portail/connexion', page: signInPage },
  { path: '/portail/demandes/:id', page: requestPage },
  { path: '/portail/demandes/:id/documents', page: documentsPage },
  { path: '/portail/demandes/:id/renouvellement', page: renewalPage },
  { path: '/portail/demandes/:id/revocation', page: revocationPage },
  { path: '/portail/demandes/:id/modifications', page: changesPage },
  { path: '/portail/aide', page: helpPage },
  { path: '/portail/conditions', page: conditionsPage },
];

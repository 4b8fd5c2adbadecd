import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { LifecycleDriver, agentOf } from '../support/lifecycle-driver.js';
import type { CapturedMail } from '../support/smtp-capture.js';
import { openBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { idCopyPdf } from '../support/id-copy-pdf.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * The holder's pages in chromium against the real system (API, worker, Temporal, PostgreSQL,
 * SMTP): register, confirm by the mailed link, upload the ID copy, follow the request, sign in
 * again by mailed link, renew, report a change, revoke.
 */
describe('holder pages (real chromium against the real system)', () => {
  let system: TestSystem;
  let browser: TestBrowser;
  let driver: LifecycleDriver;
  const suffix = Date.now() % 1e8;
  const email = `helene.garnier.${suffix}@cabinet-garnier.fr`;
  let id: string;

  /** The links in mails carry PUBLIC_BASE_URL, not the test server's address: keep the path and query. */
  const linkIn = (mail: CapturedMail, path: string): string => {
    const match = new RegExp(`${path.replace('?', '\\?')}[\\w=-]+`).exec(mail.text);
    if (!match) throw new Error(`no ${path} link in mail "${mail.subject}"`);
    return match[0];
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    system = await startTestSystem();
    await system.api.listen(0, '127.0.0.1');
    browser = await openBrowser(`http://127.0.0.1:${(system.api.getHttpServer().address() as AddressInfo).port}`);
    driver = new LifecycleDriver(system.temporal, system.taskQueue);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('registers with the conditions accepted, confirms by the mailed link, uploads the ID copy and shows what comes next', async () => {
    const page = await browser.newPage();
    await page.goto('/portail');
    await heading(page, 'Vos certificats SIGNEXPERT');
    await screenshot(page, 'portail-home');
    await page.getByRole('main').getByRole('link', { name: 'Souscrire' }).click();
    await heading(page, 'Souscrire à SIGNEXPERT');

    // An empty form: every problem is listed, each refused field says so to assistive technologies.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').getByText('Votre demande n’a pas pu être envoyée').waitFor();
    for (const field of ['givenName', 'surname', 'email', 'registrationNumber', 'region', 'postalAddress', 'acceptedConditionsVersion']) {
      await expect(page.locator(`#${field}`).getAttribute('aria-invalid')).resolves.toBe('true');
    }
    await expect(page.locator('#email').getAttribute('aria-describedby')).resolves.toBe('email-hint email-error');
    await screenshot(page, 'portail-registration-refused');

    await page.getByLabel('Prénom').fill('Hélène');
    await page.getByLabel('Nom', { exact: true }).fill('Garnier');
    await page.getByLabel('Adresse électronique professionnelle').fill(email);
    await page.getByLabel('Numéro d’inscription au tableau').fill(`35${suffix}`);
    await page.getByLabel('Conseil régional de l’Ordre (CROEC)').selectOption('BRE');
    await page.getByLabel('Cabinet').fill('Cabinet Garnier');
    await page.getByLabel('Adresse où recevoir le code d’activation').fill('4 place des Lices\n35000 Rennes');
    await expect(page.getByRole('region', { name: 'Texte des conditions générales' }).textContent()).resolves.toContain('RÉVOCATION DES CERTIFICATS');
    await page.getByLabel(/J’ai lu et j’accepte les conditions générales SIGNEXPERT \(version 2024-01\)/).check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await heading(page, 'Consultez votre messagerie');
    await expect(page.locator('#givenName').count()).resolves.toBe(0);
    await screenshot(page, 'portail-registration-sent');

    const proof = await system.smtp.waitFor((m) => m.to.includes(email) && /Confirmez/.test(m.subject), 20_000);
    id = proof.headers['x-signexpert-reference']!;
    await page.goto(linkIn(proof, '/portail/confirmation?token='));
    await heading(page, 'Confirmation de votre adresse électronique');
    await screenshot(page, 'portail-confirmation');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await heading(page, 'Adresse électronique confirmée');
    await page.getByRole('link', { name: 'Déposer ma pièce d’identité' }).click();
    await heading(page, 'Copie de votre pièce d’identité');

    // A file that is not a document by its content: refused next to the field, in words.
    await page.getByLabel('Fichier de la pièce d’identité').setInputFiles({ name: 'cni.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>pas un pdf</html>') });
    await page.getByRole('button', { name: 'Envoyer la copie' }).click();
    await page.getByText('Ce fichier n’est ni un PDF, ni une image JPEG ou PNG').waitFor();
    await expect(page.locator('#document').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'portail-documents-refused');

    await page.getByLabel('Fichier de la pièce d’identité').setInputFiles({ name: 'cni.pdf', mimeType: 'application/pdf', buffer: await idCopyPdf() });
    await page.getByRole('button', { name: 'Envoyer la copie' }).click();
    await page.waitForURL(`**/portail/demandes/${id}`);
    await heading(page, 'Ma demande de certificats');
    await page.getByRole('status').getByText('la copie de votre pièce d’identité est bien reçue').waitFor();
    await page.getByRole('heading', { name: 'Votre dossier est en cours de vérification' }).waitFor();
    await expect(page.locator('[aria-current="step"]').textContent()).resolves.toContain('Vérification');
    const history = page.getByRole('region', { name: 'Historique' });
    await expect(history.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringContaining('Dossier en cours de vérification'),
      expect.stringContaining('En attente de la copie de la pièce d’identité'),
      expect.stringContaining('En attente de confirmation de l’adresse électronique'),
      expect.stringContaining('Inscription enregistrée'),
    ]);
    await screenshot(page, 'portail-status-in-review');
    await page.close();
  });

  it('signs in again by a mailed link in a new tab', async () => {
    const page = await browser.newPage();
    await page.goto(`/portail/demandes/${id}`);
    await page.getByRole('link', { name: 'Recevoir un lien de connexion' }).click();
    await heading(page, 'Suivre ma demande');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await expect(page.locator('#email').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Adresse électronique', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await heading(page, 'Consultez votre messagerie');
    await screenshot(page, 'portail-sign-in-sent');

    const mail = await system.smtp.waitFor((m) => m.to.includes(email) && /lien de connexion/.test(m.subject), 20_000);
    await page.goto(linkIn(mail, '/portail/connexion?token='));
    await heading(page, 'Connexion à votre espace');
    await page.getByRole('button', { name: 'Ouvrir ma session' }).click();
    await page.waitForURL(`**/portail/demandes/${id}`);
    await page.getByRole('heading', { name: 'Votre dossier est en cours de vérification' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link').allTextContents()).resolves.toEqual(['Ma demande', 'Aide']);
    await page.close();
  });

  it('once the token is handed over, shows the certificates, renews, reports a change on the new cycle and revokes after confirming', async () => {
    await driver.pay(id);
    await driver.approve(id);
    await driver.waitForState(id, 'AWAITING_DELIVERY');
    await driver.handOver(id, agentOf('BRE'));
    await driver.waitForState(id, 'ACTIVE');

    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole('heading', { name: 'Vos certificats sont actifs' }).waitFor();
    const certificates = page.getByRole('region', { name: 'Vos certificats' });
    await expect(certificates.getByRole('row').count()).resolves.toBe(3);
    await certificates.getByText('Valide').first().waitFor();
    await screenshot(page, 'portail-status-active');

    // Renewal: a new cycle starts, with its own email proof; the current pair stays valid.
    await page.getByRole('link', { name: 'Renouveler mes certificats' }).click();
    await heading(page, 'Renouveler mes certificats');
    await screenshot(page, 'portail-renewal');
    await page.getByRole('button', { name: 'Demander le renouvellement' }).click();
    await page.getByRole('heading', { name: 'Confirmez votre adresse électronique' }).waitFor();
    const next = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(next).not.toBe(id);
    await screenshot(page, 'portail-status-renewal-started');

    // A change reported before the new pair is made only amends the request.
    await page.getByRole('link', { name: 'Signaler un changement' }).click();
    await heading(page, 'Signaler un changement');
    await page.getByRole('button', { name: 'Envoyer le changement' }).click();
    await page.getByRole('alert').getByText('Rien n’a changé').waitFor();
    await page.getByLabel('Cabinet').fill('Garnier & Associés');
    await page.getByRole('button', { name: 'Envoyer le changement' }).click();
    await page.waitForURL(`**/portail/demandes/${next}`);
    await page.getByRole('status').getByText('Votre changement est enregistré dans votre demande.').waitFor();
    await page.getByRole('region', { name: 'Historique' }).getByText('Éléments modifiés : cabinet').waitFor();

    // Revocation of the current pair: a dialog asks first; cancelling changes nothing.
    await page.goto(`/portail/demandes/${id}/revocation`);
    await heading(page, 'Révoquer mes certificats');
    await page.getByLabel(/Code d’activation perdu/).check();
    await page.getByRole('button', { name: 'Révoquer…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('La révocation est définitive').waitFor();
    await screenshot(page, 'portail-revocation-confirm');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(driver.status(id).then((s) => s.state)).resolves.toBe('ACTIVE');
    await page.getByRole('button', { name: 'Révoquer…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer définitivement' }).click();
    await page.waitForURL(`**/portail/demandes/${id}`);
    await page.getByRole('heading', { name: 'Vos certificats sont révoqués' }).waitFor();
    await expect(page.getByRole('region', { name: 'Vos certificats' }).getByText(/^Révoqué le/).count()).resolves.toBe(2);
    await page.getByRole('region', { name: 'Historique' }).getByText('Motif : Code d’activation perdu').waitFor();
    // The renewal in progress is where the holder goes from here.
    await expect(page.getByRole('link', { name: 'Suivre la demande de renouvellement' }).getAttribute('href')).resolves.toBe(`/portail/demandes/${next}`);
    await screenshot(page, 'portail-status-revoked');
    await page.close();
  });

  it('offers the online help and the general conditions', async () => {
    const page = await browser.newPage();
    await page.goto('/portail/aide');
    await heading(page, 'Aide en ligne');
    for (const topic of ['La remise de votre clé', 'Le code d’activation', 'Clé ou code perdu, volé ou divulgué', 'Vérifier une signature']) {
      await page.getByRole('heading', { level: 2, name: topic }).waitFor();
    }
    await page.getByRole('navigation', { name: 'Sommaire de l’aide' }).getByRole('link', { name: 'Vérifier une signature' }).click();
    await expect(page.locator('#verifier:focus').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'documentation' }).getAttribute('href')).resolves.toBe('/docs');
    await page.getByText('POST /v1/verifications').waitFor();
    await screenshot(page, 'portail-help');
    await page.goto('/portail/conditions');
    await page.getByRole('heading', { level: 2, name: '9. RÉVOCATION DES CERTIFICATS ELECTRONIQUES' }).waitFor();
    await screenshot(page, 'portail-conditions');
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  /** A fresh tab signs in through the mailed link, as a holder coming back would. */
  async function signIn(page: Page): Promise<void> {
    const before = system.smtp.messages.length;
    await page.goto('/portail/connexion');
    await page.getByLabel('Adresse électronique', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await heading(page, 'Consultez votre messagerie');
    const mail = await system.smtp.waitFor((m) => system.smtp.messages.indexOf(m) >= before && m.to.includes(email) && /lien de connexion/.test(m.subject), 20_000);
    await page.goto(linkIn(mail, '/portail/connexion?token='));
    await page.getByRole('button', { name: 'Ouvrir ma session' }).click();
    await page.waitForURL(`**/portail/demandes/${id}`);
  }
});

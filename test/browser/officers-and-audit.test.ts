import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { HolderRegistration, StaffRole } from '#libs/domain';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { openBrowser, screenshot, signInToConsole, type TestBrowser } from '../support/browser.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const TEMPORAL_UI_URL = 'http://temporal-ui.example:8233';
const STAFF: { login: string; name: string; role: StaffRole }[] = [
  { login: 'claire.csoec', name: 'Claire Dubois', role: 'csoec-officer' },
  { login: 'bruno.csoec', name: 'Bruno Petit', role: 'csoec-officer' },
  { login: 'alice.ac', name: 'Alice Roux', role: 'ca-officer' },
  { login: 'paul.audit', name: 'Paul Mercier', role: 'auditor' },
];

/**
 * The officers' and auditors' console in Debian's chromium against the real system (API, worker,
 * Temporal, PostgreSQL): a bulk revocation waits for a second officer, an officer revokes one
 * holder after confirming, an auditor reads the log and its chain's verdict.
 */
describe('console for CSOEC and CA officers and auditors (real chromium, real system)', () => {
  let system: TestSystem;
  let api: INestApplication;
  let browsers: TestBrowser[] = [];
  const passwords: Record<string, string> = {};
  const holders: HolderRegistration[] = [holderRegistration({ surname: 'Lefebvre' }), holderRegistration({ surname: 'Morel' }), holderRegistration({ surname: 'Garnier', givenName: 'Hugo' })];
  const subscriptionIds: string[] = [];
  let baseURL: string;

  beforeAll(async () => {
    system = await startTestSystem();
    // The API the browsers use knows a Temporal Web UI, as under `npm start`.
    api = await createApiApp({ ...system.env, DATABASE_URL: system.env.DATABASE_URL!, TEMPORAL_UI_URL }, { logDestination: { write: () => undefined } });
    await api.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    const accounts = new StaffAccounts(system.dataSource);
    for (const member of STAFF) {
      passwords[member.login] = randomBytes(12).toString('base64url');
      await accounts.create({ login: member.login, displayName: member.name, role: member.role, region: null, password: passwords[member.login]! });
    }
    // Three holders with ACTIVE certificates (issued by the real CA, handed over in Brittany).
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    subscriptionIds.push(
      ...(await Promise.all(
        holders.map(async (registration) => {
          const id = await driver.toDelivery(registration, system.smtp);
          await driver.handOver(id, agentOf('BRE'));
          return id;
        }),
      )),
    );
  }, 90_000);
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await api?.close();
    await system?.stop();
  });

  /** A fresh browser profile per staff member, signed in through the form. */
  async function signIn(login: string): Promise<{ browser: TestBrowser; page: Page }> {
    const browser = await openBrowser(baseURL);
    browsers.push(browser);
    const page = await browser.newPage();
    await signInToConsole(page, login, passwords[login]!);
    return { browser, page };
  }

  it('makes an officer’s bulk revocation wait for a second officer, who approves it and follows it live until done', async () => {
    const [first, second] = holders;
    const { browser: browserA, page: pageA } = await signIn('claire.csoec');
    await pageA.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Révocations groupées' }).click();
    await pageA.getByRole('heading', { name: 'Ordonner une révocation groupée' }).waitFor();

    // A pasted list with a typo is refused before anything is sent, the entry named.
    const numbers = pageA.getByLabel('Numéros d’inscription des titulaires (obligatoire)');
    await numbers.fill(`${first!.registrationNumber}\n${second!.registrationNumber}, 99000001\n12`);
    await pageA.getByText('3 numéros reconnus ; 1 entrée(s) invalide(s) : 12.').waitFor();
    await pageA.getByLabel('Référence de la décision du CSOEC (obligatoire)').fill('CSOEC-2026-042');
    await pageA.getByRole('button', { name: 'Ordonner la révocation groupée…' }).click();
    await pageA.getByText('Corrigez ou retirez les entrées invalides').waitFor();
    await numbers.fill(`${first!.registrationNumber}\n${second!.registrationNumber}, 99000001`);
    await screenshot(pageA, 'console-bulk-revocation-order');
    await pageA.getByRole('button', { name: 'Ordonner la révocation groupée…' }).click();
    await pageA.getByRole('dialog').getByText('Ordonner la révocation des certificats de 3 titulaires').waitFor();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Ordonner' }).click();

    // The orderer is told a second officer must approve, and is offered no approval.
    await pageA.waitForURL(/\/console\/revocations-groupees\/[0-9a-f-]{36}$/);
    const bulkId = pageA.url().split('/').at(-1)!;
    await pageA.getByText('Vous avez ordonné cette révocation').waitFor();
    await expect(pageA.getByText('En attente d’approbation', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(pageA.getByRole('button', { name: /Approuver/ }).count()).resolves.toBe(0);
    await screenshot(pageA, 'console-bulk-revocation-awaiting-approval');
    // And the API refuses it anyway, in the orderer's own session, with the reason in words.
    const refusal = await pageA.evaluate(async (id) => {
      // Runs in the page (the test's own tsconfig has no DOM types): the console keeps its session there.
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const { token } = JSON.parse(storage.getItem('signexpert.staff')!) as { token: string };
      const response = await fetch(`/v1/admin/bulk-revocations/${id}/approval`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, detail: ((await response.json()) as { detail: string }).detail };
    }, bulkId);
    expect(refusal).toEqual({ status: 409, detail: expect.stringMatching(/second, different officer/) });

    // The second officer finds it in the list, marked for them.
    const { browser: browserB, page: pageB } = await signIn('bruno.csoec');
    await pageB.goto('/console/revocations-groupees');
    const row = pageB.getByRole('row').filter({ hasText: 'CSOEC-2026-042' });
    for (let attempt = 0; !(await row.getByText('À approuver par vous').isVisible()) && attempt < 20; attempt++) {
      await pageB.getByRole('button', { name: 'Actualiser la liste' }).click(); // visibility catches up in a moment
      await pageB.waitForTimeout(250);
    }
    await row.getByText('À approuver par vous').waitFor();
    await screenshot(pageB, 'console-bulk-revocations-list');
    await row.getByRole('link', { name: 'CSOEC-2026-042' }).click();
    await pageB.getByRole('heading', { name: 'Votre approbation' }).waitFor();
    await pageB.getByRole('button', { name: 'Approuver et lancer la révocation…' }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.getByText('Approuver la décision CSOEC-2026-042 et révoquer les certificats de 3 titulaires').waitFor();
    await screenshot(pageB, 'console-bulk-revocation-approval-confirm');
    await dialog.getByRole('button', { name: 'Approuver et révoquer' }).click();
    await pageB.getByText('Révocation groupée approuvée').waitFor();

    // Both officers' pages follow it to the end without reloading.
    for (const page of [pageB, pageA]) {
      await page.getByText('Terminée', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByText('3 sur 3 titulaire(s) traité(s).').waitFor();
    }
    // Colleagues are named, from the staff directory, not shown as account ids.
    await expect(pageB.getByText('par Claire Dubois (claire.csoec), Responsable CSOEC').count()).resolves.toBe(1);
    await expect(pageA.getByText('par Bruno Petit (bruno.csoec), Responsable CSOEC').count()).resolves.toBe(1);
    await expect(pageB.locator('dd[data-outcome=revoked]').textContent()).resolves.toBe('2');
    await expect(pageB.locator('dd[data-outcome=unknown]').textContent()).resolves.toBe('1');
    await expect(pageB.getByRole('row').filter({ hasText: first!.registrationNumber }).getByText('Révoqué').isVisible()).resolves.toBe(true);
    await screenshot(pageB, 'console-bulk-revocation-done');
    expect([...browserA.problems, ...browserB.problems]).toEqual([]);
  });

  it('lets an officer find a holder and revoke the certificates with a reason, only after confirming', async () => {
    const holder = holders[2]!;
    const { browser, page } = await signIn('alice.ac');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Rechercher un titulaire' }).click();
    await page.getByLabel('Nom, adresse électronique, numéro d’inscription ou numéro de série').fill(holder.registrationNumber);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('1 dossier trouvé').waitFor();
    await screenshot(page, 'console-search');
    await page.getByRole('link', { name: 'GARNIER Hugo' }).click();

    await page.getByRole('heading', { name: 'Dossier de Hugo Garnier' }).waitFor();
    await expect(page.getByRole('link', { name: 'BRE.crl' }).getAttribute('href')).resolves.toBe('/pki/crl/BRE.crl');
    await expect(page.getByRole('link', { name: /Voir le workflow dans Temporal/ }).getAttribute('href')).resolves.toBe(
      `${TEMPORAL_UI_URL}/namespaces/default/workflows/subscription-${subscriptionIds[2]}`,
    );
    await expect(page.getByRole('cell', { name: 'Valide' }).count()).resolves.toBe(2);
    const crl = await page.evaluate(async () => (await fetch('/pki/crl/BRE.crl')).headers.get('content-type'));
    expect(crl).toMatch(/application\/pkix-crl/);

    // Without a ground, nothing is sent; the field says why.
    await page.getByRole('button', { name: 'Révoquer…' }).click();
    await page.getByText('Choisissez le motif de la révocation.').waitFor();
    await page.getByLabel('Motif de la révocation (obligatoire)').selectOption('key-compromise');
    await page.getByLabel('Commentaire interne (facultatif)').fill('Support déclaré volé le 2 mars');
    await screenshot(page, 'console-subscription');

    // Cancelling the confirmation changes nothing; confirming revokes.
    await page.getByRole('button', { name: 'Révoquer…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Révoquer tous les certificats en cours de Hugo Garnier pour le motif « Compromission de la clé (support perdu ou volé) » ? Cette action est irréversible.').waitFor();
    await screenshot(page, 'console-revocation-confirm');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(page.getByRole('cell', { name: 'Valide' }).count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Révoquer…' }).click();
    await dialog.getByRole('button', { name: 'Révoquer définitivement' }).click();

    await page.getByText('Révocation enregistrée').waitFor();
    await expect(page.getByText(/Révoqué le .* \(compromission de la clé\)/).count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: 'Révoquer…' }).count()).resolves.toBe(0); // nothing left to revoke
    await page.locator('.timeline').getByText('Certificats révoqués').waitFor();
    await page.locator('.timeline').getByText('Alice Roux (alice.ac), Responsable de l’AC', { exact: false }).waitFor();
    await screenshot(page, 'console-subscription-revoked');
    expect(browser.problems).toEqual([]);
  });

  it('shows an auditor the audit log, filtered by a click, and a valid chain, and no action the role forbids', async () => {
    const { browser, page } = await signIn('paul.audit');
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Incidents', 'Rechercher un titulaire', 'Révocations groupées', 'Journal d’audit']);
    await menu.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByText('Chaîne d’audit intègre').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Chaîne d’audit intègre' }).textContent()).resolves.toMatch(/\d+ entrées vérifiées/);
    await page.getByRole('cell', { name: /Révocation groupée approuvée/ }).first().waitFor();
    await screenshot(page, 'console-audit');

    await page.getByRole('link', { name: 'Révocation', exact: true }).first().click();
    await page.waitForURL(/action=ca\.revoke/);
    await expect(page.getByLabel('Action').inputValue()).resolves.toBe('ca.revoke');
    await page.locator('table.audit-entries').waitFor(); // the filtered page replaces the table once read
    const actions = await page.locator('table.audit-entries tbody tr td:nth-child(4) code').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['ca.revoke']));
    await screenshot(page, 'console-audit-filtered');

    // The auditor reads a subscription and a bulk revocation, but is offered neither revocation nor approval.
    await page.goto(`/console/dossiers/${subscriptionIds[0]}`);
    await page.getByRole('heading', { name: /^Dossier de / }).waitFor();
    await expect(page.getByRole('button', { name: /Révoquer|Annuler la demande/ }).count()).resolves.toBe(0);
    await page.goto('/console/revocations-groupees');
    await page.getByRole('link', { name: 'CSOEC-2026-042' }).click();
    await page.getByText('Terminée', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /Approuver/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Ordonner une révocation groupée' }).count()).resolves.toBe(0);
    expect(browser.problems).toEqual([]);
  });
});

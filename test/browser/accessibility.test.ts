import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { CURRENT_CONDITIONS_VERSION, type StaffRole } from '#libs/domain';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { openBrowser, signInToConsole, type TestBrowser } from '../support/browser.js';
import { idCopyPdf } from '../support/id-copy-pdf.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** WCAG 2.1, levels A and AA (the level the French RGAA also asks of public services). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const STAFF: { login: string; role: StaffRole }[] = [
  { login: 'claire.ecma', role: 'ecma-operator' },
  { login: 'bruno.csoec', role: 'csoec-officer' },
  { login: 'paul.audit', role: 'auditor' },
];

/** What the test keeps of an axe-core violation. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * The issue asks for accessible forms (labels, keyboard). axe-core checks the main holder and
 * console screens in Debian's chromium against WCAG 2.1 A and AA, error states included; a second
 * test signs a staff member in and takes a decision with the keyboard alone.
 */
describe('accessibility of the web front (axe-core and keyboard, real chromium, real system)', () => {
  let system: TestSystem;
  let browser: TestBrowser;
  let baseURL: string;
  let axeSource: string;
  const passwords: Record<string, string> = {};
  const suffix = Date.now() % 1e8;
  const surname = `Accessible${suffix}`;
  const email = `lea.accessible.${suffix}@cabinet-lea.fr`;
  let id: string;

  beforeAll(async () => {
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
    system = await startTestSystem();
    await system.api.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(system.api.getHttpServer().address() as AddressInfo).port}`;
    const accounts = new StaffAccounts(system.dataSource);
    for (const member of STAFF) {
      passwords[member.login] = randomBytes(12).toString('base64url');
      await accounts.create({ login: member.login, displayName: member.login, role: member.role, region: null, password: passwords[member.login]! });
    }
    browser = await openBrowser(baseURL);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** Runs axe-core on the page as it is now; returns its violations, each line naming the screen. */
  async function audit(page: Page, screen: string): Promise<string[]> {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async (tags) => {
      // Runs in the page (the test's own tsconfig has no DOM types).
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
      const results = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags } });
      return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
    }, WCAG_TAGS);
    return (violations as Violation[]).map((v) => `${screen} — ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.targets.join('\n    ')}\n    ${v.helpUrl}`);
  }

  /** The page is drawn: its title is there and nothing is still loading. */
  async function settled(page: Page, title: string | RegExp): Promise<void> {
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('.loading').first().waitFor({ state: 'detached' });
  }

  function expectNoViolations(found: string[]): void {
    if (found.length > 0) throw new Error(`axe-core found ${found.length} accessibility violation(s) (WCAG 2.1 A/AA):\n${found.join('\n')}`);
  }

  /** The element with the focus, and whether the browser draws its focus indicator. */
  async function focused(page: Page): Promise<{ tag: string; id: string; name: string; indicated: boolean }> {
    return page.evaluate(() => {
      // Runs in the page (the test's own tsconfig has no DOM types).
      type Element = { tagName: string; id: string; textContent: string | null; getAttribute(name: string): string | null };
      const { document, getComputedStyle } = globalThis as unknown as { document: { activeElement: Element | null }; getComputedStyle(element: Element): { outlineStyle: string } };
      const element = document.activeElement!;
      return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        name: (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
        // The focus ring styles.css draws on :focus-visible.
        indicated: getComputedStyle(element).outlineStyle !== 'none',
      };
    });
  }

  /**
   * Presses Tab (or Shift+Tab) until the element named `name` has the focus; every stop on the
   * way must show where the focus is (WCAG 2.4.7), else it is recorded in `unseen`.
   */
  async function tabTo(page: Page, name: RegExp, unseen: string[], key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    for (let stop = 0; stop < 40; stop++) {
      await page.keyboard.press(key);
      const now = await focused(page);
      if (!now.indicated) unseen.push(`${page.url()}: <${now.tag}${now.id ? ` id=${now.id}` : ''}> « ${now.name} »`);
      if (name.test(now.name)) return;
    }
    throw new Error(`${name} never got the focus with ${key} on ${page.url()}`);
  }

  const signIn = (page: Page, login: string) => signInToConsole(page, login, passwords[login]!);

  it('finds no WCAG 2.1 A/AA violation on the holder pages, error states included', async () => {
    const found: string[] = [];
    const page = await browser.newPage();
    for (const [path, title] of [
      ['/portail', 'Vos certificats SIGNEXPERT'],
      ['/portail/connexion', 'Suivre ma demande'],
      ['/portail/aide', 'Aide en ligne'],
      ['/portail/conditions', /Conditions générales/],
      ['/portail/inscription', 'Souscrire à SIGNEXPERT'],
    ] as const) {
      await page.goto(path);
      await settled(page, title);
      found.push(...(await audit(page, path)));
    }
    // The registration refused: every problem listed, each field marked.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').getByText('Votre demande n’a pas pu être envoyée').waitFor();
    found.push(...(await audit(page, '/portail/inscription (refused)')));

    // A holder registered over HTTP opens a session with the mailed confirmation link.
    const registrationNumber = `35${suffix}`;
    const created = await fetch(`${baseURL}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ givenName: 'Léa', surname, email, registrationNumber, region: 'BRE', postalAddress: ['3 quai Duguay-Trouin', '35000 Rennes'], acceptedConditionsVersion: CURRENT_CONDITIONS_VERSION }),
    });
    expect(created.status).toBe(201);
    id = ((await created.json()) as { id: string }).id;
    const mail = await system.smtp.waitFor((m) => m.headers['x-signexpert-reference'] === id && /Confirmez/.test(m.subject), 20_000);
    await page.goto(/\/portail\/confirmation\?token=[\w=-]+/.exec(mail.text)![0]);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await settled(page, 'Adresse électronique confirmée');

    await page.goto(`/portail/demandes/${id}`);
    await settled(page, 'Ma demande de certificats');
    found.push(...(await audit(page, '/portail/demandes/:id (awaiting the ID copy)')));
    await page.goto(`/portail/demandes/${id}/documents`);
    await settled(page, 'Copie de votre pièce d’identité');
    found.push(...(await audit(page, '/portail/demandes/:id/documents')));
    await page.getByLabel('Fichier de la pièce d’identité').setInputFiles({ name: 'cni.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>pas un pdf</html>') });
    await page.getByRole('button', { name: 'Envoyer la copie' }).click();
    await page.getByText('Ce fichier n’est ni un PDF, ni une image JPEG ou PNG').waitFor();
    found.push(...(await audit(page, '/portail/demandes/:id/documents (refused)')));
    await page.getByLabel('Fichier de la pièce d’identité').setInputFiles({ name: 'cni.pdf', mimeType: 'application/pdf', buffer: await idCopyPdf() });
    await page.getByRole('button', { name: 'Envoyer la copie' }).click();
    await page.waitForURL(`**/portail/demandes/${id}`);
    await page.getByRole('heading', { name: 'Votre dossier est en cours de vérification' }).waitFor();
    found.push(...(await audit(page, '/portail/demandes/:id (in review)')));

    expectNoViolations(found);
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('finds no WCAG 2.1 A/AA violation on the console screens of each role', async () => {
    const found: string[] = [];
    const page = await browser.newPage();
    await page.goto('/console/connexion');
    await settled(page, 'Connexion à la console');
    found.push(...(await audit(page, '/console/connexion')));
    await page.getByLabel('Identifiant').fill('claire.ecma');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect.').waitFor();
    found.push(...(await audit(page, '/console/connexion (refused)')));

    await signIn(page, 'claire.ecma');
    await settled(page, 'Bonjour claire.ecma');
    found.push(...(await audit(page, '/console')));
    await page.goto('/console/revues');
    await settled(page, 'Revues de dossiers');
    await page.getByRole('row').filter({ hasText: surname }).waitFor();
    found.push(...(await audit(page, '/console/revues')));
    await page.goto(`/console/revues/${id}`);
    await settled(page, /^Revue de la demande de/);
    await page.getByRole('button', { name: 'Approuver' }).waitFor();
    found.push(...(await audit(page, '/console/revues/:id')));
    // The decision refused before anything is sent: a reason is required to reject.
    await page.getByLabel('Refuser la demande').check();
    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await page.getByText('Indiquez le motif').waitFor();
    found.push(...(await audit(page, '/console/revues/:id (reason missing)')));
    await page.getByLabel('Approuver la demande').check();
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByRole('dialog').getByText(/Cette décision est définitive/).waitFor();
    found.push(...(await audit(page, '/console/revues/:id (confirmation dialog)')));
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await page.goto('/console/paiements');
    await settled(page, 'Paiements');
    found.push(...(await audit(page, '/console/paiements')));
    await page.goto(`/console/recherche?q=${surname}`);
    await settled(page, 'Rechercher un titulaire');
    await page.getByRole('link', { name: new RegExp(surname, 'i') }).waitFor();
    found.push(...(await audit(page, '/console/recherche?q=')));
    await page.goto(`/console/dossiers/${id}`);
    await settled(page, /^Dossier de/);
    found.push(...(await audit(page, '/console/dossiers/:id')));

    const officer = await browser.newPage();
    await signIn(officer, 'bruno.csoec');
    await officer.goto('/console/revocations-groupees');
    await settled(officer, 'Révocations groupées');
    found.push(...(await audit(officer, '/console/revocations-groupees')));
    await officer.getByLabel('Numéros d’inscription des titulaires (obligatoire)').fill('35000001\n12');
    await officer.getByRole('button', { name: 'Ordonner la révocation groupée…' }).click();
    await officer.getByText('Corrigez ou retirez les entrées invalides').waitFor();
    found.push(...(await audit(officer, '/console/revocations-groupees (refused)')));

    const auditor = await browser.newPage();
    await signIn(auditor, 'paul.audit');
    await auditor.goto('/console/audit');
    await settled(auditor, 'Journal d’audit');
    await auditor.getByText('Chaîne d’audit intègre').waitFor();
    await auditor.locator('table.audit-entries tbody tr').first().waitFor();
    found.push(...(await audit(auditor, '/console/audit')));

    expectNoViolations(found);
    expect(browser.problems).toEqual([]);
    for (const p of [page, officer, auditor]) await p.close();
  });

  it('lets a staff member sign in, reach the review queue and take a decision with the keyboard alone, the focus always visible', async () => {
    const unseen: string[] = [];
    const page = await browser.newPage();
    await page.goto('/console/connexion');
    await settled(page, 'Connexion à la console');
    // The router puts the focus on the title of each new page.
    await expect(focused(page)).resolves.toMatchObject({ tag: 'h1', name: 'Connexion à la console' });
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ id: 'login', indicated: true });
    await page.keyboard.type('claire.ecma');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ id: 'password' });
    await page.keyboard.type(passwords['claire.ecma']!);
    await tabTo(page, /^Se connecter$/, unseen);
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.pathname === '/console');
    await settled(page, 'Bonjour claire.ecma');
    await expect(focused(page)).resolves.toMatchObject({ tag: 'h1' });

    // Back up through the header to the skip link: it shows itself and leads to the content, without reloading the page.
    await tabTo(page, /^Aller au contenu$/, unseen, 'Shift+Tab');
    expect((await page.getByRole('link', { name: 'Aller au contenu' }).boundingBox())!.x).toBeGreaterThanOrEqual(0);
    const historyLength = await page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ tag: 'main', id: 'main' });
    await expect(page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length)).resolves.toBe(historyLength);

    await tabTo(page, /^Revues de dossiers$/, unseen);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/revues');
    await settled(page, 'Revues de dossiers');
    await expect(focused(page)).resolves.toMatchObject({ tag: 'h1', name: 'Revues de dossiers' });
    await page.getByRole('row').filter({ hasText: surname }).waitFor();
    await tabTo(page, new RegExp(`^Examiner la demande de Léa ${surname}$`), unseen);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/console/revues/${id}`);
    await settled(page, /^Revue de la demande de/);
    await expect(focused(page)).resolves.toMatchObject({ tag: 'h1' });

    // The confirmation dialog: Escape cancels and gives the focus back; the keyboard confirms.
    await tabTo(page, /^Approuver$/, unseen);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Cette décision est définitive/).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ tag: 'button', name: 'Annuler', indicated: true });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toMatchObject({ tag: 'button', name: 'Approuver' });
    await expect(page.getByRole('status').count()).resolves.toBe(0);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, /^Approuver la demande$/, unseen);
    await page.keyboard.press('Space');
    await page.getByRole('status').getByText('Demande approuvée.').waitFor();
    // The next task starts from the queue.
    await expect(focused(page)).resolves.toMatchObject({ tag: 'a', name: '← Retour à la file des revues' });

    expect(unseen).toEqual([]);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});

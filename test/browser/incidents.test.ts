import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { IsNull } from 'typeorm';
import type { StaffRole } from '#libs/domain';
import { IncidentRecord, SubscriptionRecord } from '#libs/persistence';
import { HolderSessions, StaffAccounts } from '../../apps/api/src/auth/index.js';
import { openBrowser, screenshot, signInToConsole, type TestBrowser } from '../support/browser.js';
import { LifecycleDriver, agentOf, holderRegistration } from '../support/lifecycle-driver.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const STAFF: { login: string; role: StaffRole }[] = [
  { login: 'claire.ecma', role: 'ecma-operator' },
  { login: 'paul.audit', role: 'auditor' },
];
/** WCAG 2.1, levels A and AA, as test/browser/accessibility.test.ts checks the other screens. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The incidents screen in Debian's chromium against the real system. The fault is injected as in
 * test/lifecycle/incidents.test.ts: a CHECK constraint makes PostgreSQL refuse one firm name, so an
 * active holder's reported change holds the cycle at recordTransition. An auditor reads the queue;
 * an ECMA operator corrects the firm, and the cycle goes on.
 */
describe('console: the incidents queue and the staff decision (real chromium, real system)', () => {
  let system: TestSystem;
  let browser: TestBrowser;
  let baseURL: string;
  let axeSource: string;
  const passwords: Record<string, string> = {};
  const registration = holderRegistration({ givenName: 'Maëlle', surname: 'Kerbrat' });
  let subscriptionId: string;
  let incidentId: string;

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
    // An active holder in Brittany (the real CA issued the pair, the CROEC handed the token over).
    const driver = new LifecycleDriver(system.temporal, system.taskQueue);
    subscriptionId = await driver.toDelivery(registration, system.smtp);
    await driver.handOver(subscriptionId, agentOf('BRE'));
    const session = await system.api.get(HolderSessions).open({ subscriptionId });

    await system.dataSource.query(`ALTER TABLE subscriptions ADD CONSTRAINT fault_firm CHECK (firm IS DISTINCT FROM 'Cabinet en panne') NOT VALID`);
    try {
      // The edge and the workflow accept the change; the database refuses it: the cycle is held.
      const change = await fetch(`${baseURL}/v1/subscriptions/${subscriptionId}/changes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ firm: 'Cabinet en panne' }),
      });
      expect(change.status).toBe(503);
      const incident = await system.dataSource.getRepository(IncidentRecord).findOneByOrFail({ subscriptionId, resolvedAt: IsNull() });
      expect(incident).toMatchObject({ step: 'recordTransition', actions: ['retry', 'correct'] });
      incidentId = incident.id;
    } finally {
      // The incident stays open until staff decide; the fault is no longer needed.
      await system.dataSource.query('ALTER TABLE subscriptions DROP CONSTRAINT IF EXISTS fault_firm');
    }
    browser = await openBrowser(baseURL);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signIn(login: string): Promise<Page> {
    const page = await browser.newPage();
    await signInToConsole(page, login, passwords[login]!);
    return page;
  }

  /** Opens Incidents from the menu and waits for the queue to be drawn. */
  async function openIncidents(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Incidents' }).click();
    await page.waitForURL('**/console/incidents');
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page.locator('main table, main .queue-empty').first().waitFor();
  }

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(150);
    }
  };

  const row = (page: Page) => page.locator(`tr[data-id="${incidentId}"]`);

  async function audit(page: Page, screen: string): Promise<string[]> {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async (tags) => {
      // Runs in the page (the test's own tsconfig has no DOM types).
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
      const results = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags } });
      return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.map(String).join(' ')).join(', ')}`);
    }, WCAG_TAGS);
    return violations.map((violation) => `${screen} — ${violation}`);
  }

  it('shows an auditor the open incident in French, with no decision to take', async () => {
    const page = await signIn('paul.audit');
    await openIncidents(page);
    await expect(row(page).textContent()).resolves.toMatch(/Maëlle Kerbrat.*Enregistrement de l’étape dans la base.*DatabaseRefusal/s);
    await expect(row(page).getByRole('link', { name: /Voir le dossier/ }).getAttribute('href')).resolves.toBe(`/console/dossiers/${subscriptionId}`);
    await expect(page.getByRole('button', { name: /Examiner/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: 'Action' }).count()).resolves.toBe(0);
    await page.getByText('Votre rôle permet de consulter ces incidents').waitFor();
    expect(await audit(page, '/console/incidents (auditor)')).toEqual([]);
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('lets an ECMA operator examine the incident, correct the firm after confirming, and see the outcome; the incident leaves the queue', async () => {
    const found: string[] = [];
    const page = await signIn('claire.ecma');
    await openIncidents(page);
    await expect(row(page).textContent()).resolves.toMatch(/Maëlle Kerbrat.*Enregistrement de l’étape dans la base.*Refus/s);
    found.push(...(await audit(page, '/console/incidents')));
    await screenshot(page, 'console-incidents');

    await row(page).getByRole('button', { name: /Examiner \/ décider/ }).click();
    const panel = page.getByRole('region', { name: 'Incident : Maëlle Kerbrat' });
    await panel.waitFor();
    await expect(row(page).getByRole('button', { name: /Examiner/ }).getAttribute('aria-expanded')).resolves.toBe('true');
    // Only what the incident offers, nothing chosen beforehand: no cancellation for an active holder.
    const choices = panel.getByRole('radio');
    await expect(choices.count()).resolves.toBe(2);
    for (const choice of await choices.all()) await expect(choice.isChecked()).resolves.toBe(false);
    await expect(panel.getByLabel('Clore la demande').count()).resolves.toBe(0);
    await panel.getByRole('button', { name: 'Envoyer la décision…' }).click();
    await panel.getByText('Choisissez une décision.').waitFor();

    // The corrections: no email at this step, and at least one detail.
    await panel.getByLabel('Corriger les informations du titulaire puis relancer').check();
    await expect(panel.getByLabel('Adresse électronique').count()).resolves.toBe(0);
    await panel.getByRole('button', { name: 'Corriger et relancer…' }).click();
    await panel.getByText('Indiquez au moins une information à corriger.').waitFor();
    found.push(...(await audit(page, '/console/incidents (correction missing)')));
    await panel.getByLabel('Cabinet', { exact: true }).fill('Cabinet Kerbrat & Associés');
    await panel.getByLabel('Commentaire (facultatif)').fill('Nom du cabinet vérifié auprès du titulaire.');
    await screenshot(page, 'console-incident-decision');

    // Changing one's mind sends nothing; confirming sends the decision.
    await panel.getByRole('button', { name: 'Corriger et relancer…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Corriger le cabinet de Maëlle Kerbrat, puis relancer l’étape « Enregistrement de l’étape dans la base » ?', { exact: false }).waitFor();
    found.push(...(await audit(page, '/console/incidents (confirmation dialog)')));
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(system.dataSource.getRepository(IncidentRecord).findOneByOrFail({ id: incidentId })).resolves.toMatchObject({ resolvedAt: null });
    await panel.getByRole('button', { name: 'Corriger et relancer…' }).click();
    await dialog.getByRole('button', { name: 'Corriger et relancer' }).click();

    await page.getByRole('status').getByText(/^Informations corrigées et étape relancée : le dossier est maintenant à l’étape « .+ »\.$/).waitFor({ timeout: 30_000 });
    await expect(panel.count()).resolves.toBe(0);
    await expect(row(page).count()).resolves.toBe(0);
    found.push(...(await audit(page, '/console/incidents (decided)')));

    // Carried out by the workflow: the incident is closed by the operator and the firm corrected.
    const closed = await waitFor('the incident closed', async () => {
      const incident = await system.dataSource.getRepository(IncidentRecord).findOneByOrFail({ id: incidentId });
      return incident.resolvedAt ? incident : undefined;
    });
    expect(closed).toMatchObject({ resolution: 'correct', resolvedBy: expect.stringContaining('ecma-operator') });
    await waitFor('the firm corrected', async () => {
      const subscription = await system.dataSource.getRepository(SubscriptionRecord).findOneByOrFail({ id: subscriptionId });
      return subscription.firm === 'Cabinet Kerbrat & Associés' ? true : undefined;
    });
    // A fresh load of the queue no longer lists it.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page.getByText('Aucun incident ouvert : tous les dossiers avancent.').waitFor();
    await expect(row(page).count()).resolves.toBe(0);

    expect(found).toEqual([]);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});

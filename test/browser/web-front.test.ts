import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { StaffAccounts } from '../../apps/api/src/auth/index.js';
import { WEB_CONTENT_SECURITY_POLICY } from '../../apps/api/src/web/serve-web.js';
import { openBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/** The web front served by the API, in Debian's chromium: pages, security headers, staff sign-in. */
describe('web front (real chromium against the real system)', () => {
  let system: TestSystem;
  let browser: TestBrowser;
  let baseURL: string;
  const password = randomBytes(12).toString('base64url');

  beforeAll(async () => {
    system = await startTestSystem();
    await system.api.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(system.api.getHttpServer().address() as AddressInfo).port}`;
    await new StaffAccounts(system.dataSource).create({ login: 'claire.ecma', displayName: 'Claire', role: 'ecma-operator', region: null, password });
    browser = await openBrowser(baseURL);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('serves every console and portal path with the same page, under a strict content security policy', async () => {
    for (const path of ['/console', '/console/revues/123', '/portail', '/portail/demandes/abc/documents']) {
      const response = await fetch(`${baseURL}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(WEB_CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('<div id="app">');
    }
    expect((await fetch(`${baseURL}/assets/console.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${baseURL}/assets/absent.js`)).status).toBe(404);
    expect((await fetch(`${baseURL}/`, { redirect: 'manual' })).headers.get('location')).toBe('/portail');
  });

  it('sends a staff member without a session to the sign-in, refuses a wrong password in French, then shows the menu of the role', async () => {
    const page = await browser.newPage();
    await page.goto('/console/revues');
    await expect(page.getByRole('heading', { name: 'Connexion à la console' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Identifiant').fill('claire.ecma');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect.').waitFor();
    await screenshot(page, 'console-sign-in-refused');

    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Back where the staff member was going, with the operator's menu and nothing else.
    await page.waitForURL('**/console/revues');
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Revues de dossiers', 'Paiements', 'Émissions', 'Incidents', 'Rechercher un titulaire']);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});

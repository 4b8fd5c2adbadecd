import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's chromium driven by playwright-core (no browser download). The flags let it run as root
 * in a sandboxed CI machine; each browser gets a fresh profile, so no session leaks between actors.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the browser tests write their screenshots (gitignored). */
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      // next name
    }
  }
  throw new Error('chromium not found: install it (apt-get install chromium, done by .ci/run) or set CHROMIUM_PATH');
}

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab; console errors and failed page scripts are collected in `problems`. */
  newPage(): Promise<Page>;
  /** Script errors and CSP violations seen by any page: a test expects none. */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(baseURL: string): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'signexpert-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
  };
  context.on('page', watch);
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshot named after the screen, for people to look at (not compared). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Signs a staff member in through the console's form, as they would; `path` is where they were
 * going (the console sends them to the sign-in first and back there after), the home by default.
 */
export async function signInToConsole(page: Page, login: string, password: string, path = '/console'): Promise<void> {
  await page.goto(path === '/console' ? '/console/connexion' : path);
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === path);
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';

/**
 * Served with every page of the web front: scripts, styles and fetches from this origin only (no
 * CDN, no inline code), ID copies shown as images from blob: URLs (a PDF is drawn by pdf.js in a
 * worker of our own origin, never framed in a plug-in), never framed by another site.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `npm run build` put the web front (scripts/build-web.mjs), from dist/ or from the sources. */
export function locateWebBuild(): string | undefined {
  const candidates = ['../../../../web/', '../../../../dist/web/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((folder) => existsSync(`${folder}console.html`));
}

/** Pages only; `X-Content-Type-Options: nosniff` is on every answer already (http/security-headers.ts). */
function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer'); // the links carry single-use tokens in their query
}

/** The paths of the two single-page applications (each answers its HTML), and `/`. Not API routes: absent from /docs. */
export const WEB_FRONT_PATHS = { console: ['/console', '/console/*path'], portail: ['/portail', '/portail/*path'], home: '/' } as const;

/**
 * The staff console (/console/…) and the holder pages (/portail/…): single-page applications whose
 * every path answers the same HTML; their scripts and styles under /assets. `/` leads to /portail.
 */
export function serveWeb(app: INestApplication, folder: string | undefined = locateWebBuild()): void {
  const server = (app as NestExpressApplication).getHttpAdapter().getInstance();
  if (!folder) {
    const missing = (_req: Request, res: Response) => res.status(503).type('text/plain').send('The web front is not built: run `npm run build`.');
    for (const path of [...WEB_FRONT_PATHS.console, ...WEB_FRONT_PATHS.portail]) server.get(path, missing);
    return;
  }
  (app as NestExpressApplication).useStaticAssets(`${folder}assets`, {
    prefix: '/assets',
    fallthrough: false,
    // Names are not content-hashed: revalidate (cheap, by ETag) so a deployment is seen at once.
    setHeaders: (res: Response) => res.setHeader('Cache-Control', 'no-cache'),
  });
  const page = (file: string) => (_req: Request, res: Response) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(`${folder}${file}`);
  };
  for (const path of WEB_FRONT_PATHS.console) server.get(path, page('console.html'));
  for (const path of WEB_FRONT_PATHS.portail) server.get(path, page('portail.html'));
  server.get(WEB_FRONT_PATHS.home, (_req: Request, res: Response) => res.redirect(302, '/portail'));
}

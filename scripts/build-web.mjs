// Builds the web front (staff console and holder pages): two bundles made by esbuild from
// apps/web/src, and the static files beside them, into dist/web. Served by apps/api (serve-web.ts).
import { cpSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const out = 'dist/web';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { console: 'apps/web/src/console/main.ts', portail: 'apps/web/src/portail/main.ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outdir: `${out}/assets`,
  logLevel: 'warning',
  legalComments: 'linked',
});
cpSync('apps/web/static', out, { recursive: true });

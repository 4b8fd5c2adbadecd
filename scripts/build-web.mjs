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
  splitting: true, // what a page loads on demand (pdf.js) is a chunk of its own
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outdir: `${out}/assets`,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'linked',
});
cpSync('apps/web/static', out, { recursive: true });
// pdf.js draws the PDF ID copies in the console (apps/web/src/console/dossier/pdf-pages.ts): its
// worker and the standard fonts a PDF may name without embedding them, served from our origin.
const pdfjs = 'node_modules/pdfjs-dist';
cpSync(`${pdfjs}/build/pdf.worker.min.mjs`, `${out}/assets/pdfjs/pdf.worker.min.mjs`);
cpSync(`${pdfjs}/standard_fonts`, `${out}/assets/pdfjs/standard_fonts`, { recursive: true });
cpSync(`${pdfjs}/LICENSE`, `${out}/assets/pdfjs/LICENSE`);

import { getDocument, GlobalWorkerOptions, VerbosityLevel, type PDFPageProxy } from 'pdfjs-dist';

// scripts/build-web.mjs copies pdf.js's worker and standard fonts beside the bundles.
GlobalWorkerOptions.workerSrc = '/assets/pdfjs/pdf.worker.min.mjs';
const STANDARD_FONTS = '/assets/pdfjs/standard_fonts/';

/** An ID copy has one or two pages; a longer file is shown in part, the rest in a new tab. */
const MAX_PAGES_SHOWN = 10;
/** Enough pixels to read a passport's machine-readable zone on the review screen. */
const RENDER_SCALE = 2;
/** A page declaring itself huge is drawn smaller rather than in a canvas that exhausts memory. */
const MAX_CANVAS_SIDE = 2400;

export interface RenderedPdf {
  /** blob: URLs of PNG images, one per page shown; the caller revokes them. */
  pages: string[];
  pageCount: number;
}

/**
 * Draws the pages of a PDF as images with pdf.js, inside the page, rather than in the browser's
 * PDF plug-in: the plug-in loses or takes the keyboard focus while it loads (an operator typing a
 * decision reason would type into the viewer), some administrations configure browsers to
 * download PDFs instead (the ID copy would land in the Downloads folder), and a hostile PDF meets
 * pdf.js's parser in a worker with no scripting rather than a plug-in. WebAssembly decoders stay
 * off: the CSP allows no wasm, and ID scans are JPEG or flat images.
 */
export async function renderPdfPages(file: Blob, signal: AbortSignal): Promise<RenderedPdf> {
  const task = getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    useWasm: false,
    enableXfa: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: VerbosityLevel.ERRORS,
  });
  const abort = () => void task.destroy();
  signal.addEventListener('abort', abort, { once: true });
  const pages: string[] = [];
  try {
    const pdf = await task.promise;
    for (let number = 1; number <= Math.min(pdf.numPages, MAX_PAGES_SHOWN) && !signal.aborted; number++) {
      pages.push(URL.createObjectURL(await drawPage(await pdf.getPage(number))));
    }
    return { pages, pageCount: pdf.numPages };
  } catch (failure) {
    pages.forEach((url) => URL.revokeObjectURL(url));
    throw failure;
  } finally {
    signal.removeEventListener('abort', abort);
    await task.destroy();
  }
}

async function drawPage(page: PDFPageProxy): Promise<Blob> {
  const natural = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: Math.min(RENDER_SCALE, MAX_CANVAS_SIDE / Math.max(natural.width, natural.height)) });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  await page.render({ canvas, viewport, background: 'white' }).promise;
  page.cleanup();
  return new Promise((resolve, reject) => canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('the page could not be drawn'))), 'image/png'));
}

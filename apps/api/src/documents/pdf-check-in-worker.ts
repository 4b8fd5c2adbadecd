import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDF_PARSE_MEMORY_LIMIT_MB, PDF_PARSE_TIME_LIMIT_MS } from './id-copy-bounds.js';
import { pdfRefusal } from './pdf-check.js';

const WORKER_FILE = fileURLToPath(new URL('./pdf-check.worker.js', import.meta.url));
/** Node 20 cannot start a worker on a .ts file: running the TypeScript sources (the tests), the parse runs in this thread. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * pdfRefusal in a worker thread of its own, stopped at a time and a memory bound. pdf-lib parses
 * in JavaScript, synchronously: a hostile file (a 5-million-element array, 800,000 keys in one
 * dictionary) takes it seconds, which on the API's event loop would stall every request. A worker
 * per file costs about 0.2 s (loading pdf-lib), once per holder and cycle.
 */
export function pdfRefusalInWorker(bytes: Buffer, timeLimitMs = PDF_PARSE_TIME_LIMIT_MS): Promise<string | undefined> {
  if (FROM_SOURCES) return pdfRefusal(bytes);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: bytes, resourceLimits: { maxOldGenerationSizeMb: PDF_PARSE_MEMORY_LIMIT_MB } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => resolve('the PDF takes too long to read')), timeLimitMs);
    worker.once('message', (answer: { refusal?: string }) => settle(() => resolve(answer.refusal)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('the PDF needs too much memory to read') : reject(error))),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`the PDF check worker stopped (exit code ${code}) without an answer`))));
  });
}

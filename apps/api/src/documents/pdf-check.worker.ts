import { parentPort, workerData } from 'node:worker_threads';
import { pdfRefusal } from './pdf-check.js';

// One PDF per worker (pdf-check-in-worker.ts): the answer, then the thread ends.
parentPort!.postMessage({ refusal: await pdfRefusal(Buffer.from(workerData as Uint8Array)) });

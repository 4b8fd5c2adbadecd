import { setTimeout as sleep } from 'node:timers/promises';

/** Polls the API's /health until it answers 200, or gives up with the last answer. */
export async function waitForHealth(url: string, timeoutMs: number, abort: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  let aborted = false;
  void abort.then(() => (aborted = true));
  while (Date.now() < deadline && !aborted) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(300);
  }
  throw new Error(aborted ? 'a service exited during start-up' : `${url} not healthy after ${timeoutMs} ms: ${last}`);
}

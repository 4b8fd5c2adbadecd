import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A Node process of ours (api, worker) run by the launcher, its output prefixed with its name. */
export class ChildService {
  private readonly child: ChildProcess;
  private stopping = false;
  private readonly lineListeners = new Set<(line: string) => void>();
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
  ) {
    // Own process group: a terminal's Ctrl-C reaches only the launcher, which stops us in order.
    this.child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    process.once('exit', () => this.child.kill('SIGKILL')); // never outlive a launcher that died
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) {
        createInterface({ input: stream }).on('line', (line) => {
          console.log(`[${name}] ${line}`);
          for (const listener of this.lineListeners) listener(line);
        });
      }
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Resolves when the process prints a line matching `pattern` (e.g. the worker's "polling" line). */
  printed(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        this.lineListeners.delete(listener);
        resolve();
      };
      this.lineListeners.add(listener);
    });
  }

  /** True when the process ended without being asked to. */
  get crashed(): boolean {
    return !this.stopping;
  }

  /** SIGTERM, so that the API drains requests and the worker finishes its activities; SIGKILL if it hangs. */
  async stop(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(killer);
  }
}

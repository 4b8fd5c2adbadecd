import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

/**
 * Path of the official Temporal CLI (dev server + Web UI), found or built by
 * scripts/temporal-cli.sh: TEMPORAL_CLI_PATH, then PATH, then a cached `go install`.
 */
export async function resolveTemporalCli(onProgress: (line: string) => void = () => undefined): Promise<string> {
  const child = execFile('bash', [join(projectRoot(), 'scripts', 'temporal-cli.sh')], {
    env: process.env,
    maxBuffer: 1 << 20,
  });
  child.stderr?.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(onProgress));
  const stdout = await new Promise<string>((resolvePath, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePath(out) : reject(new Error(`scripts/temporal-cli.sh exited with code ${code}`)),
    );
  });
  return stdout.trim();
}

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment, type TimeSkippingTestWorkflowEnvironmentOptions } from '@temporalio/testing';

const execFileAsync = promisify(execFile);

/** scripts/temporal-test-server.sh, from this file (test/support/). */
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'temporal-test-server.sh');

let serverPath: Promise<string> | undefined;

/**
 * Path of the wrapper that runs Temporal's Java time-skipping test server: `$TEMPORAL_TEST_SERVER_PATH`,
 * else the cached wrapper, else a fresh Maven resolution (about 12 s once per machine). Resolved
 * once per test file; the script's progress lines are passed on to stderr.
 */
export function timeSkippingServerPath(): Promise<string> {
  serverPath ??= (async () => {
    try {
      const { stdout, stderr } = await execFileAsync('bash', [SCRIPT], { timeout: 10 * 60_000 });
      if (stderr) process.stderr.write(stderr);
      const path = stdout.trim().split('\n').pop();
      if (!path) throw new Error(`${SCRIPT} printed no path`);
      return path;
    } catch (error) {
      serverPath = undefined; // let a later call retry
      const stderr = (error as { stderr?: string }).stderr;
      throw new Error(`could not prepare the Temporal time-skipping test server: ${stderr?.trim() || String(error)}`);
    }
  })();
  return serverPath;
}

/**
 * A TestWorkflowEnvironment on the Java time-skipping test server (timers of months run in
 * milliseconds; `env.sleep()` moves server time). The server supports updates, update-with-start,
 * signal-with-start and queries; not Schedules nor visibility list/count.
 *
 * Workers: build them with the project's `workflowSource()` (apps/worker/src/workflow-bundle.ts)
 * and `connection: env.nativeConnection`. Call `env.teardown()` in afterAll: it stops the server.
 */
export async function startTimeSkippingEnvironment(
  options: Omit<TimeSkippingTestWorkflowEnvironmentOptions, 'server'> = {},
): Promise<TestWorkflowEnvironment> {
  const path = await timeSkippingServerPath();
  return TestWorkflowEnvironment.createTimeSkipping({
    ...options,
    server: { executable: { type: 'existing-path', path } },
  });
}

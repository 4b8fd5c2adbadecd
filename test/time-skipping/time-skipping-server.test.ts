import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { startTimeSkippingEnvironment } from '../support/time-skipping.js';
import { addNoteUpdate, longTimerWorkflow, progressQuery } from './fixtures/long-timer.workflow.js';

const execFileAsync = promisify(execFile);
const WORKFLOWS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'long-timer.workflow.ts');

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process
}

/** Processes whose command line runs the test server on `port`: pid and parent pid. */
async function testServerProcesses(port: string): Promise<{ pid: number; ppid: number }[]> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,ppid=,args=']);
  return stdout
    .split('\n')
    .filter((line) => line.includes('io.temporal.testserver.TestServer') && line.trimEnd().endsWith(` ${port}`))
    .map((line) => {
      const [pid, ppid] = line.trim().split(/\s+/, 2).map(Number);
      return { pid: pid!, ppid: ppid! };
    });
}

describe('Temporal time-skipping test server (Java, from scripts/temporal-test-server.sh)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  const taskQueue = `time-skipping-${process.pid}`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      // Same ESM convention as apps/worker/src/workflow-bundle.ts: `./x.js` names `./x.ts`.
      bundlerOptions: {
        webpackConfigHook: (config) => ({
          ...config,
          resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } },
        }),
      },
    });
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a two-year term with 90-day reminders, answers updates and queries, and env.sleep moves workflow time', async () => {
    expect(env.supportsTimeSkipping).toBe(true);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(longTimerWorkflow, {
        taskQueue,
        workflowId: `long-timer-${Date.now()}`,
      });

      // An Update on this server: accepted, with the handler's return value (workflow-time days).
      expect(await handle.executeUpdate(addNoteUpdate, { args: ['registered'] })).toBe(0);
      // The validator's rejection reaches the caller.
      await expect(handle.executeUpdate(addNoteUpdate, { args: ['  '] })).rejects.toBeInstanceOf(
        WorkflowUpdateFailedError,
      );
      expect(await handle.query(progressQuery)).toEqual({ reminders: 0, daysAtLastReminder: 0, notes: ['registered'] });

      // Skip 90 days of server time: the first reminder fires.
      await env.sleep('90 days');
      expect(await handle.executeUpdate(addNoteUpdate, { args: ['first reminder due'] })).toBe(90);
      expect(await handle.query(progressQuery)).toEqual({
        reminders: 1,
        daysAtLastReminder: 90,
        notes: ['registered', 'first reminder due'],
      });

      // result() lets the server skip time to the end of the two-year term.
      expect(await handle.result()).toEqual({
        reminders: 8, // days 90, 180, …, 720
        daysAtLastReminder: 720,
        elapsedDays: 730,
        notes: ['registered', 'first reminder due'],
      });
    });
  });

  it('env.teardown() stops the java process, which is the SDK\'s direct child (the wrapper execs)', async () => {
    const port = env.address.split(':').pop()!;
    const running = await testServerProcesses(port);
    expect(running).toHaveLength(1);
    expect(running[0]!.ppid).toBe(process.pid);

    await env.teardown();
    env = undefined as unknown as TestWorkflowEnvironment; // afterAll must not tear down twice

    // The SDK kills and waits for its child, so it is gone by now.
    expect(await testServerProcesses(port)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#libs/dev-stack';
import { encryptingDataConverter } from '#libs/temporal';
import { workflowSource } from '../../apps/worker/src/workflow-bundle.js';
import { REPLAY_PAYLOAD_KEY } from './replay-key.js';

const HISTORIES = join(projectRoot(), 'test', 'replay', 'histories');

/**
 * Determinism guard: every history recorded from real runs (test/replay/histories, see
 * record-histories.test.ts) must replay on the current workflow code. A change that would break
 * running workflows fails here unless it is put behind `patched()`.
 */
describe('replay of recorded workflow histories', () => {
  it('replays every recorded history with the current workflow code, without nondeterminism', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed by an earlier test file in this process
    }
    const files = readdirSync(HISTORIES).filter((name) => name.endsWith('.history.pb')).sort();
    expect(files).toEqual(expect.arrayContaining(
        ['bulk-revocation', 'crl-publisher', 'crl-publisher-failed', 'subscription-abandoned', 'subscription-expired', 'subscription-incident', 'subscription-registration-refused', 'subscription-renewed', 'subscription-revoked', 'subscription-revoked-at-once'].map((name) => `${name}.history.pb`),
      ));
    const { workflowsPath, bundlerOptions } = workflowSource();
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: workflowsPath!, webpackConfigHook: bundlerOptions?.webpackConfigHook, logger: new DefaultLogger('WARN') });
    const histories = files.map((name) => ({ workflowId: name, history: proto.temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES, name))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter: encryptingDataConverter(REPLAY_PAYLOAD_KEY) }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIVITY_POLICIES } from './activity-policies.js';

const WORKFLOWS = dirname(fileURLToPath(import.meta.url));
const durationMs = (duration: string | number) => {
  if (typeof duration === 'number') return duration;
  const [amount, unit] = duration.split(' ');
  return Number(amount) * { second: 1e3, seconds: 1e3, minute: 6e4, minutes: 6e4, hour: 3.6e6, hours: 3.6e6 }[unit]!;
};
/** The longest a policy keeps retrying before its failure reaches the workflow (every wait at its maximum). */
function retryBudgetMs(policy: (typeof ACTIVITY_POLICIES)[keyof typeof ACTIVITY_POLICIES]): number {
  const { initialInterval = '1 second', backoffCoefficient = 2, maximumInterval, maximumAttempts } = policy.retry;
  let wait = durationMs(initialInterval);
  let total = 0;
  for (let attempt = 1; attempt < maximumAttempts; attempt++) {
    total += Math.min(wait, maximumInterval ? durationMs(maximumInterval) : Infinity) + durationMs(policy.startToCloseTimeout);
    wait *= backoffCoefficient;
  }
  return total + durationMs(policy.startToCloseTimeout);
}

/** DESIGN.md, "Activity failures": no activity is retried without bound. */
describe('activity policies', () => {
  it.each(Object.entries(ACTIVITY_POLICIES))('%s: a bounded number of attempts, each with a time limit', (_name, policy) => {
    expect(policy.retry.maximumAttempts).toBeGreaterThanOrEqual(1);
    expect(policy.retry.maximumAttempts).toBeLessThanOrEqual(50);
    expect(durationMs(policy.startToCloseTimeout)).toBeGreaterThan(0);
    // Nothing keeps a cycle waiting on one activity for more than a few hours before a person knows.
    expect(retryBudgetMs(policy)).toBeLessThan(4 * 3.6e6);
  });

  it('gives revocation the longest patience of the lifecycle steps', () => {
    const lifecycleSteps = ['recordTransition', 'prepareEmailProof', 'prepareIssuance', 'issueCertificates', 'sealTokenAndPrintLetter'] as const;
    for (const step of lifecycleSteps) {
      expect(ACTIVITY_POLICIES.revokeCertificates.retry.maximumAttempts).toBeGreaterThan(ACTIVITY_POLICIES[step].retry.maximumAttempts);
    }
  });

  it('is the only way workflows schedule activities (no proxyActivities with options of their own)', () => {
    const sources = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file !== 'activity-policies.ts');
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      const source = readFileSync(join(WORKFLOWS, file), 'utf8');
      expect([file, /proxy(Local)?Activities/.test(source)]).toEqual([file, false]);
    }
  });
});

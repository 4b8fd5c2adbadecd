import { canTransition, isTerminal, type SubscriptionState } from '#libs/domain';
import type { SubscriptionStatus, TimelineStep } from '#libs/contract';

/**
 * The state of one subscription cycle inside its workflow: plain data and rules, no Temporal
 * calls, so that it reads (and is tested) as the lifecycle of DESIGN.md.
 */
export class SubscriptionCycle {
  private readonly steps: TimelineStep[] = [];

  constructor(readonly subscriptionId: string) {}

  get state(): SubscriptionState | undefined {
    return this.steps.at(-1)?.state;
  }

  /** Sequence number of the last step, used as the projection's idempotency key. */
  get seq(): number {
    return this.steps.length;
  }

  get isOver(): boolean {
    return this.state !== undefined && isTerminal(this.state);
  }

  /** Moves to `to`, or throws if the lifecycle forbids it (a bug: validators check first). */
  enter(to: SubscriptionState, at: Date): TimelineStep {
    const from = this.state;
    if (from === undefined ? to !== 'REGISTERED' : !canTransition(from, to)) {
      throw new Error(`Illegal transition ${from ?? '(start)'} -> ${to}`);
    }
    const step = { state: to, at: at.toISOString() };
    this.steps.push(step);
    return step;
  }

  status(): SubscriptionStatus {
    if (!this.state) throw new Error('Subscription cycle has not started');
    return { subscriptionId: this.subscriptionId, state: this.state, timeline: [...this.steps] };
  }
}

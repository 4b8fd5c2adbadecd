import type { HolderTimelineActor, HolderTimelineEntry, HolderTimelineEvent } from '#libs/api-views';
import type { SubscriptionEventRecord } from '#libs/persistence';

/** Notes the workflow writes (workflows/subscription.workflow.ts) that the holder is told about. */
const HOLDER_NOTES: [RegExp, HolderTimelineEvent, number | undefined][] = [
  [/^information requested: ([\s\S]*)$/, 'information-requested', 1],
  [/^payment recorded/, 'payment-recorded', undefined],
  [/^renewal requested/, 'renewal-requested', undefined],
  [/^changes reported: (.*)$/, 'changes-reported', 1],
  [/^renewal reminder, (\d+) days/, 'renewal-reminder', 1],
  [/^([a-z-]+): .* revoked$/, 'certificates-revoked', 1],
];

/** The note of a change of state that the holder may read, by state (other states' notes are staff's). */
const STATE_DETAIL: Record<string, (note: string) => string | undefined> = {
  REJECTED: (note) => note,
  CANCELLED: (note) => note,
  ABANDONED: (note) => note,
  REVOKED: (note) => /^([a-z-]+):/.exec(note)?.[1],
};

export function toHolderTimeline(events: SubscriptionEventRecord[]): HolderTimelineEntry[] {
  const entries: HolderTimelineEntry[] = [];
  events.forEach((event, index) => {
    const base = { state: event.state, at: event.at.toISOString(), by: actorRole(event.by) };
    // A step keeping the previous step's state is a note, not a change of state (SubscriptionCycle.note).
    if (index === 0 || events[index - 1]!.state !== event.state) {
      const detail = event.note ? STATE_DETAIL[event.state]?.(event.note) : undefined;
      entries.push({ ...base, event: 'state-entered', ...(detail ? { detail } : {}) });
      return;
    }
    for (const [pattern, kind, group] of HOLDER_NOTES) {
      const match = event.note ? pattern.exec(event.note) : null;
      if (!match) continue;
      entries.push({ ...base, event: kind, ...(group !== undefined ? { detail: match[group]!.trim() } : {}) });
      return;
    }
  });
  return entries;
}

/** `describeActor` writes "<role> <id>", "holder" or "system (<name>)": keep the role. */
function actorRole(by: string | null): HolderTimelineActor | null {
  if (!by) return null;
  const role = by.split(' ')[0]!;
  const known: HolderTimelineActor[] = ['holder', 'system', 'ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor'];
  return (known as string[]).includes(role) ? (role as HolderTimelineActor) : null;
}

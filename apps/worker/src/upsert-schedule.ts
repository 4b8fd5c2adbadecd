import { ScheduleAlreadyRunning, type Client, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';

export type ScheduleOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Makes sure a Temporal Schedule exists as wanted: creates it, or updates one whose definition
 * differs (`isAsWanted` says), keeping an operator's pause and note. Safe when several workers
 * start at once: a create that loses the race falls back to describe and update.
 */
export async function upsertSchedule(
  client: Client,
  scheduleId: string,
  desired: Omit<ScheduleOptions, 'scheduleId'>,
  isAsWanted: (current: ScheduleDescription) => boolean,
): Promise<ScheduleOutcome> {
  try {
    await client.schedule.create({ scheduleId, ...desired });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(scheduleId);
  if (isAsWanted(await handle.describe())) return 'unchanged';
  await handle.update((previous) => ({
    ...desired,
    state: { paused: previous.state.paused, ...(previous.state.note !== undefined ? { note: previous.state.note } : {}) },
  }));
  return 'updated';
}

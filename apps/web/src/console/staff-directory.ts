import { api } from './staff-session.js';

interface StaffDirectoryEntry {
  actor: string;
  login: string;
  displayName: string;
}

/** Colleagues by the actor string written in timelines, reports and the audit log (`<role> <account id>`). */
const directory = new Map<string, StaffDirectoryEntry>();

/**
 * Loads the staff directory once per session (GET /v1/admin/staff-directory) so actorLabel can
 * name people. A failure only costs the names: labels fall back to role and id.
 */
export async function loadStaffDirectory(): Promise<void> {
  try {
    const { staff } = await api.get<{ staff: StaffDirectoryEntry[] }>('/v1/admin/staff-directory');
    directory.clear();
    for (const entry of staff) directory.set(entry.actor, entry);
  } catch {
    // Names are a comfort: the pages still work with ids.
  }
}

/** The name of the colleague behind an actor string, as "Claire Martin (claire.ecma)", if known. */
export function staffName(actor: string): string | undefined {
  const entry = directory.get(actor);
  return entry ? `${entry.displayName} (${entry.login})` : undefined;
}

/** For tests: a directory without the API. */
export function rememberStaff(entries: StaffDirectoryEntry[]): void {
  for (const entry of entries) directory.set(entry.actor, entry);
}

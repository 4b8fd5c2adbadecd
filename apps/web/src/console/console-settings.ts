import { api } from './staff-session.js';

/** GET /v1/admin/console-settings (apps/api/src/admin/console-settings.controller.ts). */
export interface ConsoleSettings {
  temporalUi: { url: string; namespace: string } | null;
}

let settings: Promise<ConsoleSettings> | undefined;

/** Read once per page load: the deployment's configuration does not change under a running console. */
export function consoleSettings(): Promise<ConsoleSettings> {
  settings ??= api.get<ConsoleSettings>('/v1/admin/console-settings').catch((failure: unknown) => {
    settings = undefined; // a failed read is retried by the next page, not cached
    throw failure;
  });
  return settings;
}

/** The subscription's workflow in the Temporal Web UI (workflow id `subscription-<id>`, libs/contract workflow-ids.ts). */
export function temporalWorkflowUrl(temporalUi: NonNullable<ConsoleSettings['temporalUi']>, subscriptionId: string): string {
  return `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(`subscription-${subscriptionId}`)}`;
}

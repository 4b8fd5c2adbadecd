import type { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { describeActor } from '#libs/domain';
import type { IncidentActivities } from './lifecycle-activities.js';

export interface IncidentDependencies {
  dataSource: DataSource;
  /** Where an incident is told as it opens (the worker's log; an operator's alerting reads it). */
  alert?: (message: string) => void;
}

const CRL_PUBLISHER = describeActor({ kind: 'system', name: 'crl-publisher' });
const LIFECYCLE = describeActor({ kind: 'system', name: 'lifecycle' });

/**
 * The incidents staff see and decide on (DESIGN.md, "Incidents"). Each opening and closing is
 * logged and lands in the audit log in the same transaction as the row; every call is idempotent
 * (a retried activity finds what the first attempt wrote).
 */
export function createIncidentActivities(deps: IncidentDependencies): IncidentActivities {
  const audit = new AuditLog(deps.dataSource);
  const alert = deps.alert ?? ((message: string) => console.error(message));

  return {
    async openIncident({ incidentId, subscriptionId, region, step, error, actions, at }) {
      const opened = await deps.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO incidents (id, kind, subscription_id, region, step, error_type, error_message, retryable, actions, opened_at, last_failed_at, occurrences)
           VALUES ($1, 'subscription', $2, $3, $4, $5, $6, $7, $8, $9, $9, 1)
           ON CONFLICT (id) DO UPDATE SET last_failed_at = EXCLUDED.last_failed_at, error_type = EXCLUDED.error_type,
             error_message = EXCLUDED.error_message, retryable = EXCLUDED.retryable,
             occurrences = incidents.occurrences + CASE WHEN incidents.last_failed_at < EXCLUDED.last_failed_at THEN 1 ELSE 0 END
           RETURNING occurrences, (xmax = 0) AS inserted`,
          [incidentId, subscriptionId, region, step, error.type, error.message, error.retryable, actions, new Date(at)],
        )) as { occurrences: number; inserted: boolean }[];
        if (row.inserted) {
          await audit.record(
            { actor: LIFECYCLE, action: 'incident.open', subject: subscriptionId, details: { incidentId, step, errorType: error.type, retryable: error.retryable } },
            { manager },
          );
        }
        return row;
      });
      alert(`incident ${incidentId}: subscription ${subscriptionId} (${region}) held at ${step}: ${error.type}: ${error.message} (occurrence ${opened.occurrences})`);
    },

    async closeIncident({ incidentId, resolution, by, at }) {
      await deps.dataSource.transaction(async (manager) => {
        const [, closed] = (await manager.query(
          `UPDATE incidents SET resolved_at = $2, resolution = $3, resolved_by = $4 WHERE id = $1 AND resolved_at IS NULL RETURNING subscription_id`,
          [incidentId, new Date(at), resolution, by],
        )) as [{ subscription_id: string | null }[], number];
        if (closed === 0) return;
        const [{ subscription_id: subject }] = (await manager.query('SELECT subscription_id FROM incidents WHERE id = $1', [incidentId])) as { subscription_id: string | null }[];
        await audit.record({ actor: by, action: 'incident.close', subject, details: { incidentId, resolution } }, { manager });
      });
    },

    async reportCrlFailure({ region, error, at }) {
      const report = await deps.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO incidents (id, kind, subscription_id, region, step, error_type, error_message, retryable, actions, opened_at, last_failed_at, occurrences)
           VALUES (gen_random_uuid(), 'crl', NULL, $1, 'publishCrl', $2, $3, $4, ARRAY['retry']::varchar[], $5, $5, 1)
           ON CONFLICT (region) WHERE kind = 'crl' AND resolved_at IS NULL
           DO UPDATE SET last_failed_at = EXCLUDED.last_failed_at, error_type = EXCLUDED.error_type, error_message = EXCLUDED.error_message,
             retryable = EXCLUDED.retryable, occurrences = incidents.occurrences + 1
           RETURNING id, occurrences`,
          [region, error.type, error.message, error.retryable, new Date(at)],
        )) as { id: string; occurrences: number }[];
        await audit.record(
          { actor: CRL_PUBLISHER, action: 'crl.publication-failed', subject: region, details: { incidentId: row.id, errorType: error.type, occurrences: row.occurrences } },
          { manager },
        );
        return row;
      });
      alert(`incident ${report.id}: the CRL of region ${region} could not be published (${error.type}: ${error.message}); failure ${report.occurrences}`);
    },
  };
}

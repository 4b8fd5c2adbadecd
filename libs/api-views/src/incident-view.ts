/** GET /v1/admin/incidents: the steps that could not be completed, oldest first (DESIGN.md, "Incidents"). */
export interface IncidentItem {
  id: string;
  /** A subscription cycle held at a step, or a region's CRL that could not be published. */
  kind: 'subscription' | 'crl';
  subscriptionId: string | null;
  region: string;
  /** The activity that failed (recordTransition, issueCertificates, publishCrl…). */
  step: string;
  error: { type: string; message: string; retryable: boolean };
  /** What staff may decide: retry, correct (the holder's details), skip (a message), cancel (the request). */
  actions: string[];
  openedAt: string;
  lastFailedAt: string;
  occurrences: number;
  /** The holder concerned, when the subscription is recorded (its first step may be what failed). */
  holder: { givenName: string; surname: string; registrationNumber: string; state: string } | null;
}

export interface IncidentPage {
  items: IncidentItem[];
  nextCursor?: string;
}

/** POST /v1/admin/incidents/:id/decision answers with what the decision led to. */
export interface IncidentDecisionOutcome {
  incidentId: string;
  /** The cycle's state afterwards (subscription incidents). */
  state?: string;
  /** A new incident when the step failed again. */
  incident?: { incidentId: string; step: string; openedAt: string };
  /** For a CRL incident: a publication was asked for; the incident closes when it succeeds. */
  publicationRequested?: boolean;
}

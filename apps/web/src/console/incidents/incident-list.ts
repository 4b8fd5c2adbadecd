import type { IncidentItem } from '../../../../../libs/api-views/src/index.js';
import type { TemplateResult } from 'lit';
import { PagedList, type Column } from '../queue/paged-list.js';

/** One column of the incidents table. */
export type IncidentColumn = Column<IncidentItem>;

/** The open incidents (GET /v1/admin/incidents), oldest first, paged and refreshed like the work queues. */
export class IncidentList extends PagedList<IncidentItem> {
  constructor(signal: AbortSignal, redraw: () => void) {
    super('/v1/admin/incidents', signal, redraw);
  }

  override table(caption: string, columns: IncidentColumn[], empty: string): TemplateResult {
    return super.table(caption, columns, empty, 'queue incidents');
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import type { IncidentItem, IncidentPage } from '../../../../../libs/api-views/src/index.js';
import { errorBox, loading } from '../../shared/ui.js';
import { api } from '../staff-session.js';

/** One column of the incidents table: its header and what each row shows in it. */
export interface IncidentColumn {
  header: string;
  cell(item: IncidentItem): TemplateResult | string;
}

const PAGE_SIZE = 50;
/** The API's largest page: a silent refresh reloads at most this many rows. */
const MAX_PAGE = 200;

/**
 * The open incidents as the page shows them (GET /v1/admin/incidents): oldest first, one page at a
 * time ("Afficher la suite"), refreshed in the background while the page is open — the same
 * behaviour as the work queues (../queue/queue-list.ts).
 */
export class IncidentList {
  items: IncidentItem[] = [];
  private nextCursor?: string;
  private error?: unknown;
  private loaded = false;
  private loadingMore = false;

  constructor(
    private readonly signal: AbortSignal,
    private readonly redraw: () => void,
  ) {}

  /** Loads the first page again, as many rows as are shown now (so a refresh never shortens the list). */
  async reload(): Promise<void> {
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.items.length));
    try {
      const page = await api.get<IncidentPage>(`/v1/admin/incidents?limit=${limit}`, this.signal);
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.error = undefined;
    } catch (failure) {
      if (this.signal.aborted) return;
      this.error = failure;
    }
    this.loaded = true;
    this.redraw();
  }

  async more(): Promise<void> {
    if (!this.nextCursor) return;
    this.loadingMore = true;
    this.redraw();
    try {
      const page = await api.get<IncidentPage>(`/v1/admin/incidents?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(this.nextCursor)}`, this.signal);
      // A row may have moved between pages while a refresh ran: keep each incident once.
      const known = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !known.has(item.id))];
      this.nextCursor = page.nextCursor;
    } catch (failure) {
      if (this.signal.aborted) return;
      this.error = failure;
    }
    this.loadingMore = false;
    this.redraw();
  }

  /** Reloads every `seconds` until the page is left. Started without awaiting it. */
  async poll(seconds: number): Promise<void> {
    while (!this.signal.aborted) {
      await pause(seconds * 1000, this.signal);
      if (!this.signal.aborted) await this.reload();
    }
  }

  find(id: string): IncidentItem | undefined {
    return this.items.find((item) => item.id === id);
  }

  /** Drops an incident just decided, without waiting for the next refresh. */
  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
  }

  table(caption: string, columns: IncidentColumn[], empty: string): TemplateResult {
    if (!this.loaded) return loading();
    return html`${this.error ? errorBox(this.error) : nothing}
      ${this.items.length === 0
        ? this.error
          ? nothing
          : html`<p class="queue-empty">${empty}</p>`
        : html`<table class="queue incidents">
            <caption class="visually-hidden">${caption}</caption>
            <thead><tr>${columns.map((column) => html`<th scope="col">${column.header}</th>`)}</tr></thead>
            <tbody>
              ${this.items.map((item) => html`<tr data-id=${item.id}>${columns.map((column) => html`<td>${column.cell(item)}</td>`)}</tr>`)}
            </tbody>
          </table>`}
      ${this.nextCursor
        ? html`<button type="button" class="secondary" ?disabled=${this.loadingMore} @click=${() => void this.more()}>Afficher la suite</button>`
        : nothing}`;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

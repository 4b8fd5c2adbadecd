import { html, nothing, type TemplateResult } from 'lit';
import { errorBox, loading } from '../../shared/ui.js';
import { api } from '../staff-session.js';

/** One column of a list's table: its header and what each row shows in it. */
export interface Column<Item> {
  header: string;
  cell(item: Item): TemplateResult | string;
}

/** What the API's paged lists answer (queues, incidents). */
export interface Paged<Item> {
  items: Item[];
  nextCursor?: string;
}

const PAGE_SIZE = 50;
/** The API's largest page: a silent refresh reloads at most this many rows. */
const MAX_PAGE = 200;

/**
 * A paged list of the API as a page shows it (a work queue, the incidents): oldest first, one page
 * at a time ("Afficher la suite"), refreshed in the background while the page is open. The API
 * filters it (a CROEC agent sees their region only), so what is listed is what this person may see.
 */
export class PagedList<Item extends { id: string }> {
  items: Item[] = [];
  private nextCursor?: string;
  private error?: unknown;
  private loaded = false;
  private loadingMore = false;

  constructor(
    /** The route, without query (e.g. /v1/admin/queues/reviews). */
    private readonly path: string,
    private readonly signal: AbortSignal,
    private readonly redraw: () => void,
  ) {}

  /** Loads the first page again, as many rows as are shown now (so a refresh never shortens the list). */
  async reload(): Promise<void> {
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.items.length));
    try {
      const page = await api.get<Paged<Item>>(`${this.path}?limit=${limit}`, this.signal);
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
      const page = await api.get<Paged<Item>>(`${this.path}?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(this.nextCursor)}`, this.signal);
      // A row may have moved between pages while a refresh ran: keep each one once.
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

  find(id: string): Item | undefined {
    return this.items.find((item) => item.id === id);
  }

  /** Drops a row just dealt with, without waiting for the next refresh. */
  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
  }

  table(caption: string, columns: Column<Item>[], empty: string, tableClass = 'queue'): TemplateResult {
    if (!this.loaded) return loading();
    return html`${this.error ? errorBox(this.error) : nothing}
      ${this.items.length === 0
        ? this.error
          ? nothing
          : html`<p class="queue-empty">${empty}</p>`
        : html`<table class=${tableClass}>
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

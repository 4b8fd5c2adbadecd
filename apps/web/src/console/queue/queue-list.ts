import { html, nothing, type TemplateResult } from 'lit';
import type { QueueItem, QueueName, QueuePage } from '../../../../../libs/api-views/src/index.js';
import { errorBox, loading } from '../../shared/ui.js';
import { api } from '../staff-session.js';

/** One column of a queue table: its header and what each row shows in it. */
export interface QueueColumn {
  header: string;
  cell(item: QueueItem): TemplateResult | string;
}

const PAGE_SIZE = 50;
/** The API's largest page: a silent refresh reloads at most this many rows. */
const MAX_PAGE = 200;

/**
 * One staff work queue as a page shows it: oldest first, one page at a time ("Afficher la suite"),
 * refreshed in the background while the page is open. The API filters it (a CROEC agent sees their
 * region only), so what is listed is exactly what this person may act on.
 */
export class QueueList {
  items: QueueItem[] = [];
  private nextCursor?: string;
  private error?: unknown;
  private loaded = false;
  private loadingMore = false;

  constructor(
    private readonly queue: QueueName,
    private readonly signal: AbortSignal,
    private readonly redraw: () => void,
  ) {}

  /** Loads the first page again, as many rows as are shown now (so a refresh never shortens the list). */
  async reload(): Promise<void> {
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.items.length));
    try {
      const page = await api.get<QueuePage>(`/v1/admin/queues/${this.queue}?limit=${limit}`, this.signal);
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
      const page = await api.get<QueuePage>(`/v1/admin/queues/${this.queue}?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(this.nextCursor)}`, this.signal);
      this.items = [...this.items, ...page.items];
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

  /** Drops a row just dealt with, without waiting for the next refresh. */
  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
  }

  table(caption: string, columns: QueueColumn[], empty: string): TemplateResult {
    if (!this.loaded) return loading();
    return html`${this.error ? errorBox(this.error) : nothing}
      ${this.items.length === 0
        ? this.error
          ? nothing
          : html`<p class="queue-empty">${empty}</p>`
        : html`<table class="queue">
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

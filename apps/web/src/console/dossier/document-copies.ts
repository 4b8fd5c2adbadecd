import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatSize } from '../../shared/format.js';
import { errorBox, loading } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import type { IdDocument } from './staff-subscription.js';

/**
 * The ID-document copies of a file, shown inline. Each copy is fetched with the staff bearer (the
 * API audits every read, contract §7.1) and shown from a blob: URL, the only source the CSP
 * allows besides our own; the URLs are released when the page is left. Only the latest copy is
 * fetched at once: older ones (earlier review rounds) are read on request, each read being audited.
 */
export class DocumentCopies {
  private readonly urls = new Map<string, string>();
  private readonly errors = new Map<string, unknown>();
  private shown?: string;

  constructor(
    private readonly documents: IdDocument[],
    private readonly signal: AbortSignal,
    private readonly redraw: () => void,
  ) {
    signal.addEventListener('abort', () => this.urls.forEach((url) => URL.revokeObjectURL(url)), { once: true });
  }

  /** Fetches the latest copy (call once the page has drawn itself). */
  start(): void {
    const latest = this.documents.at(-1);
    if (latest) void this.show(latest.id);
  }

  async show(id: string): Promise<void> {
    this.shown = id;
    this.redraw();
    if (this.urls.has(id)) return;
    try {
      const blob = await api.blob(`/v1/admin/documents/${encodeURIComponent(id)}`);
      if (this.signal.aborted) return;
      this.urls.set(id, URL.createObjectURL(blob));
    } catch (failure) {
      this.errors.set(id, failure);
    }
    this.redraw();
  }

  view(): TemplateResult {
    if (this.documents.length === 0) return html`<p class="alert alert-info">Aucune copie de pièce d’identité n’a été déposée.</p>`;
    const current = this.documents.find((d) => d.id === this.shown) ?? this.documents.at(-1)!;
    return html`${this.documents.length > 1 ? this.chooser(current) : nothing}
      <p class="muted">Déposée le ${formatDateTime(current.uploadedAt)} — ${mediaLabel(current.mediaType)}, ${formatSize(current.sizeBytes)}</p>
      ${this.render(current)}`;
  }

  private chooser(current: IdDocument): TemplateResult {
    return html`<div class="actions" role="group" aria-label="Copies déposées">
      ${this.documents.map(
        (d, index) => html`<button type="button" class=${d.id === current.id ? '' : 'secondary'} aria-pressed=${d.id === current.id ? 'true' : 'false'} @click=${() => void this.show(d.id)}>
          Copie ${index + 1} (${formatDateTime(d.uploadedAt)})
        </button>`,
      )}
    </div>`;
  }

  private render(document: IdDocument): TemplateResult {
    const error = this.errors.get(document.id);
    if (error) return errorBox(error);
    const url = this.urls.get(document.id);
    if (!url) return loading();
    const title = `Copie de la pièce d’identité déposée le ${formatDateTime(document.uploadedAt)}`;
    return html`${document.mediaType === 'application/pdf'
        ? html`<iframe class="document-view" src=${url} title=${title}></iframe>`
        : html`<img class="document-view" src=${url} alt=${title} />`}
      <p><a href=${url} target="_blank" rel="noopener">Ouvrir la copie dans un nouvel onglet</a></p>`;
  }
}

function mediaLabel(mediaType: string): string {
  return { 'application/pdf': 'PDF', 'image/jpeg': 'image JPEG', 'image/png': 'image PNG' }[mediaType] ?? mediaType;
}

import { html, nothing, type TemplateResult } from 'lit';
import type { IdDocumentView } from '../../../../../libs/api-views/src/index.js';
import { formatDateTime, formatSize } from '../../shared/format.js';
import { errorBox, loading } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import type { RenderedPdf } from './pdf-pages.js';

/**
 * The ID-document copies of a file, shown inline. Each copy is fetched with the staff bearer (the
 * API audits every read, contract §7.1) and shown from a blob: URL, the only source the CSP
 * allows besides our own; the URLs are released when the page is left. A PDF is drawn as page images
 * by pdf.js (pdf-pages.ts), never framed in the browser's plug-in. Only the latest copy is fetched
 * at once: older ones (earlier review rounds) are read on request, each read being audited.
 */
export class DocumentCopies {
  private readonly urls = new Map<string, string>();
  private readonly pdfs = new Map<string, RenderedPdf>();
  /** PDFs that pdf.js cannot read (damaged, encrypted): the operator may still open them, or ask for another copy. */
  private readonly unreadable = new Set<string>();
  private readonly errors = new Map<string, unknown>();
  private shown?: string;

  constructor(
    private readonly documents: IdDocumentView[],
    private readonly signal: AbortSignal,
    private readonly redraw: () => void,
  ) {
    signal.addEventListener('abort', () => this.release(), { once: true });
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
      if (this.documents.find((d) => d.id === id)?.mediaType === 'application/pdf') await this.drawPdf(id, blob);
    } catch (failure) {
      this.errors.set(id, failure);
    }
    this.redraw();
  }

  private async drawPdf(id: string, blob: Blob): Promise<void> {
    this.redraw(); // the link to open the file is usable while the pages are drawn
    try {
      // pdf.js is loaded with the first PDF copy, not with every console page (scripts/build-web.mjs splits it out).
      const { renderPdfPages } = await import('./pdf-pages.js');
      const pdf = await renderPdfPages(blob, this.signal);
      if (this.signal.aborted) pdf.pages.forEach((url) => URL.revokeObjectURL(url));
      else this.pdfs.set(id, pdf);
    } catch {
      this.unreadable.add(id);
    }
  }

  private release(): void {
    this.urls.forEach((url) => URL.revokeObjectURL(url));
    this.pdfs.forEach((pdf) => pdf.pages.forEach((url) => URL.revokeObjectURL(url)));
  }

  view(): TemplateResult {
    if (this.documents.length === 0) return html`<p class="alert alert-info">Aucune copie de pièce d’identité n’a été déposée.</p>`;
    const current = this.documents.find((d) => d.id === this.shown) ?? this.documents.at(-1)!;
    return html`${this.documents.length > 1 ? this.chooser(current) : nothing}
      <p class="muted">Déposée le ${formatDateTime(current.uploadedAt)} — ${mediaLabel(current.mediaType)}, ${formatSize(current.sizeBytes)}</p>
      ${this.render(current)}`;
  }

  private chooser(current: IdDocumentView): TemplateResult {
    return html`<div class="actions" role="group" aria-label="Copies déposées">
      ${this.documents.map(
        (d, index) => html`<button type="button" class=${d.id === current.id ? '' : 'secondary'} aria-pressed=${d.id === current.id ? 'true' : 'false'} @click=${() => void this.show(d.id)}>
          Copie ${index + 1} (${formatDateTime(d.uploadedAt)})
        </button>`,
      )}
    </div>`;
  }

  private render(document: IdDocumentView): TemplateResult {
    const url = this.urls.get(document.id);
    const openLink = url ? html`<p><a href=${url} target="_blank" rel="noopener">Ouvrir la copie dans un nouvel onglet</a></p>` : nothing;
    const error = this.errors.get(document.id);
    if (error) return html`${errorBox(error)}${openLink}`;
    if (!url) return loading();
    const title = `Copie de la pièce d’identité déposée le ${formatDateTime(document.uploadedAt)}`;
    if (document.mediaType !== 'application/pdf') return html`<img class="document-view" src=${url} alt=${title} />${openLink}`;
    if (this.unreadable.has(document.id)) {
      return html`<p class="alert alert-error" role="alert">Cette copie PDF ne peut pas être affichée ici (fichier illisible ou protégé) : ouvrez-la dans un nouvel onglet, ou demandez une nouvelle copie au titulaire.</p>${openLink}`;
    }
    const pdf = this.pdfs.get(document.id);
    if (!pdf) return html`${loading()}${openLink}`;
    return html`<div class="document-view document-pages" tabindex="0" role="group" aria-label=${`${title} (${pageCountLabel(pdf.pageCount)})`}>
        ${pdf.pages.map((page, index) => html`<img src=${page} alt=${`${title}, page ${index + 1} sur ${pdf.pageCount}`} />`)}
      </div>
      ${pdf.pageCount > pdf.pages.length ? html`<p class="muted">Seules les ${pdf.pages.length} premières pages sont affichées ici.</p>` : nothing}
      ${openLink}`;
  }
}

function pageCountLabel(count: number): string {
  return count === 1 ? '1 page' : `${count} pages`;
}

function mediaLabel(mediaType: string): string {
  return { 'application/pdf': 'PDF', 'image/jpeg': 'image JPEG', 'image/png': 'image PNG' }[mediaType] ?? mediaType;
}

import { render, type TemplateResult } from 'lit';

/** What a page gets: where it is, how to show itself and how to leave. */
export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Renders the page's content (call again whenever its state changes). */
  show(content: TemplateResult): void;
  navigate(path: string): void;
  /** Aborted when the user leaves the page: stops polling loops and pending fetches. */
  signal: AbortSignal;
}

/** A page renders itself through ctx.show, as often as it needs (forms, live progress). */
export type Page = (ctx: PageContext) => void | Promise<void>;

export interface Route {
  /** A path with `:name` parameters, e.g. `/console/dossiers/:id`. */
  path: string;
  page: Page;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

/**
 * History-API routing for one application (/console or /portail): links within it navigate
 * without reloading; the server answers the same HTML for every path under the prefix.
 */
export class Router {
  private readonly routes: CompiledRoute[];
  private current?: AbortController;

  constructor(
    routes: Route[],
    private readonly outlet: () => HTMLElement,
    private readonly notFound: Page,
    private readonly onNavigate: (path: string) => void = () => {},
  ) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/:([a-zA-Z]+)/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, names, pattern: new RegExp(`^${source}/?$`) };
    });
  }

  start(): void {
    window.addEventListener('popstate', () => void this.renderCurrent());
    document.addEventListener('click', (event) => this.interceptLink(event));
    void this.renderCurrent();
  }

  navigate(path: string): void {
    history.pushState(null, '', path);
    void this.renderCurrent();
  }

  private interceptLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !this.match(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  }

  private match(pathname: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (found) return { route, params: Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
    }
    return undefined;
  }

  private async renderCurrent(): Promise<void> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    this.onNavigate(location.pathname);
    const found = this.match(location.pathname);
    const outlet = this.outlet();
    render('', outlet);
    const ctx: PageContext = {
      params: found?.params ?? {},
      query: new URLSearchParams(location.search),
      show: (content) => {
        if (!controller.signal.aborted) render(content, outlet);
      },
      navigate: (path) => this.navigate(path),
      signal: controller.signal,
    };
    try {
      await (found?.route.page ?? this.notFound)(ctx);
    } finally {
      // Screen readers and keyboards start from the new page's title.
      const heading = outlet.querySelector('h1');
      if (heading && !controller.signal.aborted) {
        heading.tabIndex = -1;
        heading.focus();
        document.title = `${heading.textContent?.trim() ?? ''} — SIGNEXPERT`;
      }
    }
  }
}

// The one way pages talk to the API: JSON over fetch with the session's bearer token. Errors come
// back as RFC 9457 problem details and become ApiError, which pages show with describeError().

/** One field the API refused, as named in its problem details (`errors`). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: FieldProblem[] = [],
  ) {
    super(detail ?? title);
  }
}

/** What the browser keeps of a session: the bearer token, and for staff their role and region. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  role?: string;
  region?: string | null;
  login?: string;
}

/**
 * A JSON client bound to one session slot of sessionStorage (staff and holder sessions never mix:
 * the tab forgets both when closed). A 401 clears the slot and calls onSignedOut.
 */
export class ApiClient {
  constructor(
    private readonly slot: string,
    private readonly onSignedOut: () => void = () => {},
  ) {}

  get session(): StoredSession | undefined {
    const raw = sessionStorage.getItem(this.slot);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as StoredSession;
    if (new Date(session.expiresAt) <= new Date()) {
      sessionStorage.removeItem(this.slot);
      return undefined;
    }
    return session;
  }

  set session(session: StoredSession | undefined) {
    if (session) sessionStorage.setItem(this.slot, JSON.stringify(session));
    else sessionStorage.removeItem(this.slot);
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body === undefined ? undefined : JSON.stringify(body));
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Multipart upload (ID-document copies). */
  postForm<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, form);
  }

  /** A binary resource (a document copy), as a Blob the page can show through an object URL. */
  async blob(path: string): Promise<Blob> {
    const response = await fetch(path, { headers: this.headers() });
    if (!response.ok) throw await this.errorOf(response);
    return response.blob();
  }

  private async request<T>(method: string, path: string, body?: string | FormData, signal?: AbortSignal): Promise<T> {
    const headers = this.headers();
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body, signal });
    if (!response.ok) throw await this.errorOf(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private headers(): Record<string, string> {
    const token = this.session?.token;
    return { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }

  private async errorOf(response: Response): Promise<ApiError> {
    let problem: { title?: string; detail?: string; errors?: FieldProblem[] } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not problem details (a proxy's page): the status speaks alone.
    }
    if (response.status === 401 && this.session) {
      this.session = undefined;
      this.onSignedOut();
    }
    return new ApiError(response.status, problem.title ?? response.statusText, problem.detail, problem.errors ?? []);
  }
}

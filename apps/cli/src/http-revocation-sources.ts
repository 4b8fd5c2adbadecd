import { type CrlFetcher, type IssuerFetcher, type OcspFetcher, certificateUrls, createOcspRequest } from '#libs/verification';
import { derObjects } from './der-files.js';

/** One URL the verifier fetched, and what came of it (shown to the relying party). */
export interface Consultation {
  readonly kind: 'CRL' | 'OCSP' | 'CA certificate';
  readonly url: string;
  readonly outcome: string;
}

export interface HttpSources {
  readonly fetchCrls: CrlFetcher;
  readonly ocsp: OcspFetcher;
  readonly fetchIssuers: IssuerFetcher;
  /** In the order they were made. */
  readonly consulted: Consultation[];
}

/** Certificates, CRLs and OCSP responses are small; a CRL of 100,000 entries is about 4 MB. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * The verifier's network side: the URLs the certificate carries (CRL distribution point, AIA OCSP
 * and caIssuers), fetched with Node's fetch and a timeout. What comes back is only data: the
 * verifier checks CRL and OCSP signatures against the CA and certificates against the trust anchor.
 */
export function httpRevocationSources(options: { timeoutMs: number; fetch?: typeof globalThis.fetch }): HttpSources {
  const fetch = options.fetch ?? globalThis.fetch;
  const consulted: Consultation[] = [];

  async function get(kind: Consultation['kind'], url: string, init: RequestInit = {}): Promise<Buffer> {
    try {
      const response = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > MAX_RESPONSE_BYTES) throw new Error(`answer larger than ${MAX_RESPONSE_BYTES} bytes`);
      consulted.push({ kind, url, outcome: `fetched, ${body.length} bytes` });
      return body;
    } catch (error) {
      const reason = describeFetchError(error, options.timeoutMs);
      consulted.push({ kind, url, outcome: `failed: ${reason}` });
      throw new Error(`${url}: ${reason}`);
    }
  }

  /** Every URL is tried; one answer is enough, and only if none answers is the source unavailable. */
  async function firstAnswers(kind: Consultation['kind'], urls: string[], init?: RequestInit): Promise<Buffer[]> {
    const answers: Buffer[] = [];
    const failures: string[] = [];
    for (const url of urls) {
      try {
        answers.push(await get(kind, url, init));
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (answers.length === 0 && failures.length > 0) throw new Error(failures.join('; '));
    return answers;
  }

  return {
    consulted,
    async fetchCrls(certificate) {
      const urls = certificateUrls(certificate).crl;
      if (urls.length === 0) throw new Error('the certificate names no http CRL distribution point');
      return (await firstAnswers('CRL', urls)).flatMap(derObjects);
    },
    async ocsp(certificate, issuer) {
      const [url] = certificateUrls(certificate).ocsp;
      if (!url) return undefined;
      return get('OCSP', url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: Buffer.from(createOcspRequest(certificate, issuer)),
      });
    },
    async fetchIssuers(certificate) {
      return (await firstAnswers('CA certificate', certificateUrls(certificate).caIssuers)).flatMap(derObjects);
    },
  };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = error as Error & { cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  if (cause?.code) return `${message} (${cause.code})`;
  return message;
}

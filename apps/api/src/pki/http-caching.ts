import type { Response } from 'express';

/**
 * Cache headers of the repository's artefacts. Express answers 304 by itself when the request's
 * If-None-Match / If-Modified-Since match what is set here.
 */

/** CA certificates change only at a key ceremony: caches may keep them a day. */
export const CA_CERTIFICATE_MAX_AGE_SECONDS = 86_400;

/** A strong ETag: the representation's own digest, quoted (RFC 9110 §8.8.3). */
export const strongEtag = (digest: string): string => `"${digest}"`;

/** Whole seconds from `now` until `until`, never negative. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(0, Math.floor((until.getTime() - now.getTime()) / 1000));
}

/**
 * Fresh until the artefact's own nextUpdate: a CRL (RFC 5280 §5.1.2.5) or an OCSP response
 * (RFC 5019 §6.2), so no cache serves it after a newer one is due.
 */
export function cacheUntilNextUpdate(response: Response, validity: { thisUpdate: Date; nextUpdate: Date }, now: Date): void {
  response.setHeader('Cache-Control', `public, max-age=${secondsUntil(validity.nextUpdate, now)}, no-transform, must-revalidate`);
  response.setHeader('Last-Modified', validity.thisUpdate.toUTCString());
  response.setHeader('Expires', validity.nextUpdate.toUTCString());
}

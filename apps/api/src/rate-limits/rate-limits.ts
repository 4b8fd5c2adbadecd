import type { Request, Response, NextFunction } from 'express';
import type { Environment } from '#libs/config';
import { TokenBuckets } from './token-bucket.js';

/** A set of routes sharing one limit per client IP (each route has its own bucket). */
interface RouteGroup {
  name: string;
  routes: { method: string; path: RegExp }[];
  requestsPerWindow: number;
}

export type RateLimitSettings = Pick<
  Environment,
  'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_PUBLIC_REQUESTS' | 'RATE_LIMIT_SIGN_IN_REQUESTS' | 'RATE_LIMIT_OCSP_REQUESTS'
>;

/**
 * The rate-limited routes: what anyone can call without an account (registration, email proof,
 * sign-in links, signature verification), the staff sign-in (credential stuffing across accounts; the per-login-and-address back-off
 * is the sign-in service's), and the OCSP responder (signing costs CPU; relying parties poll it,
 * so its limit is generous). Matched like Express does: case-insensitive, optional trailing slash.
 */
export function rateLimitedRoutes(settings: RateLimitSettings): RouteGroup[] {
  return [
    {
      name: 'public',
      routes: [
        { method: 'POST', path: /^\/v1\/subscriptions\/?$/i },
        { method: 'POST', path: /^\/v1\/subscriptions\/email-confirmations\/?$/i },
        { method: 'POST', path: /^\/v1\/sessions\/?$/i },
        { method: 'POST', path: /^\/v1\/verifications\/?$/i },
      ],
      requestsPerWindow: settings.RATE_LIMIT_PUBLIC_REQUESTS,
    },
    {
      name: 'sign-in',
      routes: [{ method: 'POST', path: /^\/v1\/admin\/sessions\/?$/i }],
      requestsPerWindow: settings.RATE_LIMIT_SIGN_IN_REQUESTS,
    },
    {
      name: 'ocsp',
      routes: [
        { method: 'POST', path: /^\/pki\/ocsp\/?$/i },
        { method: 'GET', path: /^\/pki\/ocsp\/.+$/i },
      ],
      requestsPerWindow: settings.RATE_LIMIT_OCSP_REQUESTS,
    },
  ];
}

/**
 * Express middleware, ahead of body parsing: over its limit, a client gets 429 problem+json with
 * Retry-After and the request goes no further. The buckets live in this process: N replicas allow
 * up to N times the limit. To hold one limit across replicas, keep the buckets in a shared store
 * (e.g. Redis with an atomic script per take) or enforce the limit at the load balancer.
 */
export function rateLimits(settings: RateLimitSettings, now: () => number = Date.now) {
  const windowMs = settings.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const limited = rateLimitedRoutes(settings)
    .filter((group) => group.requestsPerWindow > 0) // 0 = no limit for that group
    .map((group) => ({ ...group, buckets: new TokenBuckets(group.requestsPerWindow, windowMs, now) }));

  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    for (const group of limited) {
      const route = group.routes.findIndex((r) => r.method === req.method && r.path.test(path));
      if (route < 0) continue;
      const admission = group.buckets.take(`${route}|${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`);
      if (admission.admitted) break;
      res
        .status(429)
        .setHeader('Retry-After', String(admission.retryAfterSeconds))
        .type('application/problem+json')
        .json({
          type: 'about:blank',
          title: 'too many requests',
          status: 429,
          detail: `Too many requests to this endpoint from your address; retry in ${admission.retryAfterSeconds} s.`,
        });
      return;
    }
    next();
  };
}

import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every answer carries, JSON, problem, PKI object or page alike: no browser may guess a
 * content type other than the one declared (a JSON answer echoing a holder's name is not HTML).
 * Pages and documents add their own Content-Security-Policy where they are served.
 */
export function securityHeaders() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  };
}

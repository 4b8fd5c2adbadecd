import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { TEMPORAL_RETRY_AFTER_SECONDS, isTemporalUnavailable, temporalUnavailable } from './temporal-unavailable.js';

/** One field-level problem, named by its path in the request body (e.g. `email`, `address.postcode`). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** RFC 9457 problem details, the single error shape of this API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

/**
 * Turns every error into `application/problem+json`. Client errors keep their message; anything
 * unexpected becomes a bare 500 whose details stay in the server log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(isTemporalUnavailable(error) ? temporalUnavailable() : error);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    // A 503 is worth trying again: say when (RFC 9110 §10.2.3), unless the route said it already.
    if (problem.status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', String(TEMPORAL_RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      return {
        type: 'about:blank',
        title: typeof fields.title === 'string' ? fields.title : (HttpStatus[status] ?? 'Error').replaceAll('_', ' ').toLowerCase(),
        status,
        detail: typeof fields.detail === 'string' ? fields.detail : error.message,
        ...(Array.isArray(fields.errors) ? { errors: fields.errors as FieldProblem[] } : {}),
      };
    }
    // body-parser rejects malformed JSON and oversized bodies with an http-errors object.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { type: 'about:blank', title: 'invalid request body', status, detail: (error as Error).message };
    }
    return { type: 'about:blank', title: 'internal server error', status: 500 };
  }
}

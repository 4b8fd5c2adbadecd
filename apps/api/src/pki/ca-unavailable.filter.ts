import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ProblemDetails } from '../http/problem-details.filter.js';
import { CaUnavailableError } from './ca-repository.js';

/** Seconds a client should wait before asking again while the CA is not usable. */
const RETRY_AFTER_SECONDS = 10;

/**
 * CA not usable from this process (yet): 503 problem+json saying why, with Retry-After (RFC 9110
 * §10.2.3). An expected condition, logged as a warning without a stack, unlike an unexpected 5xx.
 */
@Catch(CaUnavailableError)
export class CaUnavailableFilter implements ExceptionFilter {
  private readonly logger = new Logger('PKI');

  catch(error: CaUnavailableError, host: ArgumentsHost): void {
    this.logger.warn(error.message);
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'certification authority unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: error.message,
    };
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(problem.status)
      .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      .type('application/problem+json')
      .json(problem);
  }
}

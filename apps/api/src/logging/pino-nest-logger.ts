import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestContext } from './request-context.js';

const PINO_LEVEL: Record<LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger (start-up, exception filters, `new Logger('X')` in services) written by pino, with
 * the Nest context (`context`) and, inside a request, its `requestId`. Levels follow LOG_LEVEL
 * through pino itself.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, context] = params.length >= 2 ? params : [undefined, ...params];
    this.write('error', message, typeof context === 'string' ? [context] : [], typeof stack === 'string' ? { stack } : {});
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LogLevel, message: unknown, params: unknown[], extra: Record<string, unknown> = {}): void {
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const requestId = requestContext.getStore()?.requestId;
    const fields = { ...(context ? { context } : {}), ...(requestId ? { requestId } : {}), ...extra };
    if (message instanceof Error) this.logger[PINO_LEVEL[level]]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[PINO_LEVEL[level]]({ ...fields, ...message });
    else this.logger[PINO_LEVEL[level]](fields, String(message));
  }
}

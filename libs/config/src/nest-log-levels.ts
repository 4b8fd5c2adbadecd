import type { LogLevel } from '@nestjs/common';
import type { Environment } from './environment.js';

/** LOG_LEVEL (pino's level names) as the list of levels Nest's logger prints. */
export function nestLogLevels(level: Environment['LOG_LEVEL']): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const upTo = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 }[level];
  return order.slice(0, upTo + 1);
}

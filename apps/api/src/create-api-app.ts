import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import type { Environment } from '#libs/config';
import { ApiModule } from './api.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { securityHeaders } from './http/security-headers.js';
import { TextPolicyPipe } from './http/text-policy.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { createApiLogger, httpLogging } from './logging/http-logging.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';
import { serveApiDocs } from './openapi/api-docs.js';
import { rateLimits } from './rate-limits/rate-limits.js';
import { serveWeb } from './web/serve-web.js';

export interface ApiAppOptions {
  /** Where the JSON log lines go; stdout by default. */
  logDestination?: DestinationStream;
}

/** Builds the API application (used by main.ts and by the integration tests alike). */
export async function createApiApp(env: Environment & { DATABASE_URL: string }, options: ApiAppOptions = {}): Promise<INestApplication> {
  const logger = createApiLogger(env, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(env), { logger: new PinoNestLogger(logger) });
  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  // Both run before body parsing and routing: every request is logged with its id, and a client
  // over its rate limit costs no parsing.
  app.use(httpLogging(logger));
  app.use(securityHeaders());
  app.use(rateLimits(env));
  app.useGlobalPipes(new TextPolicyPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  serveApiDocs(app);
  serveWeb(app);
  app.enableShutdownHooks();
  return app;
}

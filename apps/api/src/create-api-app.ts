import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { nestLogLevels, type Environment } from '#libs/config';
import { ApiModule } from './api.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';

/** Builds the API application (used by main.ts and by the integration tests alike). */
export async function createApiApp(env: Environment & { DATABASE_URL: string }): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(env), { logger: nestLogLevels(env.LOG_LEVEL) });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.enableShutdownHooks();
  return app;
}


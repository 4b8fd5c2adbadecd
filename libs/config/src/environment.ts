import 'reflect-metadata';
import { Type } from 'class-transformer';
import { SUBSCRIPTIONS_TASK_QUEUE } from '#libs/contract';
import { IsIn, IsOptional, IsString, Matches, MinLength, ValidateBy } from 'class-validator';

/** A TCP port: one clear message rather than three (integer, minimum, maximum). */
function IsPort(): PropertyDecorator {
  return ValidateBy({
    name: 'isPort',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535,
      defaultMessage: (args) => `${args?.property} must be a port number between 1 and 65535`,
    },
  });
}

/**
 * Every environment variable the system reads. Names are the variables themselves so that a
 * validation error names exactly what the operator must fix. Defaults are the zero-setup ones.
 */
export class Environment {
  /** PostgreSQL of record; unset = embedded PostgreSQL under VAR_DIR (launcher only). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** host:port of a Temporal frontend; unset = the launcher runs the Temporal dev server. */
  @IsOptional()
  @Matches(/^[\w.-]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS?: string;

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  /** Lets several deployments (or test suites) share one Temporal namespace without stealing each other's tasks. */
  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = SUBSCRIPTIONS_TASK_QUEUE;

  @IsString()
  @MinLength(1)
  API_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsPort()
  API_PORT = 3000;

  /** Ports of the embedded services the launcher starts when no external ones are given. */
  @Type(() => Number)
  @IsPort()
  TEMPORAL_PORT = 7233;

  @Type(() => Number)
  @IsPort()
  TEMPORAL_UI_PORT = 8233;

  @Type(() => Number)
  @IsPort()
  EMBEDDED_POSTGRES_PORT = 5433;

  /** Working data of the zero-setup default (database, Temporal history, outbox). Gitignored. */
  @IsString()
  @MinLength(1)
  VAR_DIR = 'var';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';
}

/** One line per variable, for the README and for checking deployment files against the schema. */
export const ENVIRONMENT_DOCUMENTATION: Readonly<Record<keyof Environment, string>> = {
  DATABASE_URL: 'PostgreSQL URL. Unset: `npm start` runs embedded PostgreSQL (data in VAR_DIR/postgres).',
  TEMPORAL_ADDRESS: 'Temporal frontend host:port. Unset: `npm start` runs the Temporal dev server (history in VAR_DIR/temporal.db).',
  TEMPORAL_NAMESPACE: 'Temporal namespace.',
  TEMPORAL_TASK_QUEUE: 'Task queue of the subscription workflows (API and worker must agree).',
  API_HOST: 'Interface the HTTP API listens on.',
  API_PORT: 'Port of the HTTP API.',
  TEMPORAL_PORT: 'gRPC port of the embedded Temporal dev server.',
  TEMPORAL_UI_PORT: 'Port of the embedded Temporal Web UI.',
  EMBEDDED_POSTGRES_PORT: 'Port of the embedded PostgreSQL.',
  VAR_DIR: 'Folder for the zero-setup data (embedded database, Temporal history).',
  LOG_LEVEL: 'fatal, error, warn, info, debug or trace.',
};

export const ENVIRONMENT_VARIABLES = Object.keys(ENVIRONMENT_DOCUMENTATION) as (keyof Environment)[];

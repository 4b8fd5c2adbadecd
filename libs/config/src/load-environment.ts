import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ENVIRONMENT_VARIABLES, Environment } from './environment.js';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Variables a given process cannot run without (e.g. the API needs a database URL). */
export type RequiredVariable =
  | 'DATABASE_URL'
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_PAYLOAD_KEY'
  | 'EMAIL_TOKEN_SECRET'
  | 'DOCUMENT_KEY'
  | 'TOKEN_SO_PIN';

/**
 * Reads, converts and validates the environment once at start-up; a bad value stops the process
 * with a message naming the variable rather than failing later somewhere obscure.
 */
export function loadEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  required: readonly RequiredVariable[] = [],
): Environment {
  const known: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') known[name] = value;
  }
  const config = plainToInstance(Environment, known);
  const problems = validateSync(config, { forbidUnknownValues: true }).map((error) => describe(error, known));
  for (const name of required) {
    if (!config[name]) problems.push(`${name} is required for this process`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/** One line per variable, quoting what the operator wrote (not the converted value). */
function describe(error: ValidationError, raw: Record<string, string>): string {
  const messages = Object.values(error.constraints ?? {}).map((m) => m.replace(`${error.property} `, ''));
  return `${error.property} ${messages.join(', ')} (got ${JSON.stringify(raw[error.property])})`;
}

/** For process entry points: a bad configuration ends the process with the message, not a stack trace. */
export function loadEnvironmentOrExit(required: readonly RequiredVariable[] = []): Environment {
  try {
    return loadEnvironment(process.env, required);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './read-password.js';

/** node:util's parseArgs, strict: an unknown or malformed option is a usage error (exit 2), in its words. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

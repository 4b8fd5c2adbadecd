/**
 * Where a password may come from: never argv (visible in `ps` and shell history). Either piped
 * on stdin (`--password-stdin`) or named environment variable (`--password-env VAR`, removed from
 * this process's environment once read).
 */
export async function readPassword(
  options: { stdin?: boolean; env?: string; /** What the secret is called in option names and messages. */ secret?: 'password' | 'pin' },
  input: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  const secret = options.secret ?? 'password';
  const described = secret === 'pin' ? 'an activation code (PIN)' : 'a password';
  if (options.stdin && options.env) throw new UsageError(`give either --${secret}-stdin or --${secret}-env, not both`);
  if (options.env) {
    const password = process.env[options.env];
    if (!password) throw new UsageError(`environment variable ${options.env} is empty or unset`);
    delete process.env[options.env];
    return password;
  }
  if (options.stdin) {
    if (input.isTTY) throw new UsageError(`--${secret}-stdin reads a pipe: printf %s "$${secret.toUpperCase()}" | … (it never echoes a terminal)`);
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  throw new UsageError(`${described} is required: --${secret}-stdin or --${secret}-env VAR (never on the command line)`);
}

/** Wrong invocation: exit code 2 and the usage text. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage of the command concerned, when it has its own (verify, sign); the whole usage otherwise. */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs a command that has its own usage text: a usage error it raises shows that text, not the whole CLI's. */
export async function withOwnUsage(usage: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError && !error.usage) throw new UsageError(error.message, `Usage: node dist/apps/cli/src/main.js\n${usage}\n`);
    throw error;
  }
}

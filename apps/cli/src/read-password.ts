/**
 * Where a password may come from: never argv (visible in `ps` and shell history). Either piped
 * on stdin (`--password-stdin`) or named environment variable (`--password-env VAR`, removed from
 * this process's environment once read).
 */
export async function readPassword(options: { stdin?: boolean; env?: string }, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (options.stdin && options.env) throw new UsageError('give either --password-stdin or --password-env, not both');
  if (options.env) {
    const password = process.env[options.env];
    if (!password) throw new UsageError(`environment variable ${options.env} is empty or unset`);
    delete process.env[options.env];
    return password;
  }
  if (options.stdin) {
    if (input.isTTY) throw new UsageError('--password-stdin reads a pipe: printf %s "$PASSWORD" | … (it never echoes a terminal)');
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  throw new UsageError('a password is required: --password-stdin or --password-env VAR (never on the command line)');
}

/** Wrong invocation: exit code 2 and the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

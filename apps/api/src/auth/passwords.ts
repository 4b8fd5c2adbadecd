import * as argon2 from 'argon2';

/** argon2id (RFC 9106): m = 64 MiB, t = 3, p = 4 (the library's defaults), above OWASP's minimum. */
const COST = { memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;
const OPTIONS = { type: argon2.argon2id, ...COST } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash refuses, it does not crash the sign-in
  }
}

/** True when the stored hash was made with weaker parameters than today's: rehash at next sign-in. */
export function passwordNeedsRehash(passwordHash: string): boolean {
  try {
    return !passwordHash.startsWith('$argon2id$') || argon2.needsRehash(passwordHash, COST);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for logins that do not exist: the answer's delay
 * must not tell whether the login exists.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password, never matches anything');
  await verifyPassword(await decoy, password);
  return false;
}

/** A policy message, or undefined when the password is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `the password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `the password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

import type { CaStorage } from './ca-storage.js';

const chains = new Map<string, Promise<unknown>>();

/**
 * Next CRL number of `caName`, persisted before it is used so numbers only go up (RFC 5280
 * §5.2.3 "monotonically increasing"), even across restarts. Serialised within the process;
 * across processes the caller runs one CRL publisher per CA (or keeps the counter in its
 * database and passes `crlNumber` to `signCrl` itself).
 */
export function allocateCrlNumber(storage: CaStorage, caName: string): Promise<bigint> {
  const name = `crl-numbers/${caName}`;
  const previous = chains.get(name) ?? Promise.resolve();
  const next = previous.then(async () => {
    const current = await storage.read(name);
    const value = (current ? BigInt(current.toString('utf8').trim()) : 0n) + 1n;
    await storage.replace(name, Buffer.from(`${value}\n`));
    return value;
  });
  chains.set(name, next.catch(() => undefined));
  return next;
}

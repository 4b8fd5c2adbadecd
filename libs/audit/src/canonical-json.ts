/**
 * A canonical JSON encoding in the spirit of RFC 8785 (JCS): object members sorted by their
 * UTF-16 code units, no whitespace, numbers and strings as ECMAScript serialises them. The same
 * value always gives the same bytes, whatever order PostgreSQL's jsonb gives the keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const members = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

/** The JSON value as it will be stored and read back (dates as ISO strings, undefined dropped). */
export function toJsonValue<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

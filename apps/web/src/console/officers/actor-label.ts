import { roleLabel } from '../../shared/labels.js';
import { staffName } from '../staff-directory.js';

/**
 * Who acted, in words, from the API's actor strings (`describeActor` of libs/domain):
 * `csoec-officer <account id>`, `holder`, `system (<name>)`, `cli <unix user>`.
 * Staff are named from the staff directory when it is loaded ("Claire Martin (claire.ecma), Opérateur ECMA"),
 * else by role and the start of their account id.
 */
export function actorLabel(actor: string): string {
  if (actor === 'holder') return 'Le titulaire';
  if (actor === 'anonymous') return 'Anonyme';
  const system = /^system \((.+)\)$/.exec(actor);
  if (system) return `Système (${system[1]})`;
  const staff = /^([a-z]+-[a-z]+|auditor) (\S+)$/.exec(actor);
  if (staff && ROLE_CODES.has(staff[1]!)) {
    const name = staffName(actor);
    return name ? `${name}, ${roleLabel(staff[1]!)}` : `${roleLabel(staff[1]!)} ${shortId(staff[2]!)}`;
  }
  return actor;
}

const ROLE_CODES = new Set(['ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor']);

/** The first block of a UUID is enough to tell colleagues apart on screen. */
function shortId(id: string): string {
  return /^[0-9a-f]{8}-/.test(id) ? `n° ${id.slice(0, 8)}` : id;
}

/**
 * The one policy for text that people type into the system (names, addresses, references, notes):
 * Unicode text as a person writes it, nothing that changes how other text is read or stored.
 * The API's validators and the workflows' Update validators both apply it, so a value refused at
 * the edge is refused again by a workflow that someone reaches another way.
 *
 * Refused everywhere:
 * - U+0000 and the other C0/C1 control characters (NUL cannot be stored in PostgreSQL text at all;
 *   CR/LF inject header lines into mails and letters; ESC starts terminal escape sequences);
 * - unpaired surrogates (not Unicode text: UTF-8 cannot encode them, they would be silently replaced);
 * - bidirectional formatting characters (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), which
 *   make a name or a serial display in another order than it is stored ("Trojan Source");
 * - the byte-order mark used inside text (U+FEFF), line and paragraph separators (U+2028/9) and
 *   noncharacters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF).
 * Multi-line text (a reason, a comment, a note) may hold line feeds, carriage returns and tabs.
 */
export type TextKind = 'line' | 'multiline';

const ALLOWED_IN_MULTILINE = new Set(['\n', '\r', '\t']);
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const OTHER_REFUSED = /[\uFEFF\u2028\u2029\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;
const CONTROL = /\p{Cc}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` is not acceptable text of that kind, in words naming the character; undefined if it is. */
export function refuseText(value: string, kind: TextKind = 'line'): string | undefined {
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `contains an unpaired surrogate (${codePoint(surrogate[0])}), which is not text`;
  for (const match of value.matchAll(CONTROL)) {
    if (kind === 'multiline' && ALLOWED_IN_MULTILINE.has(match[0])) continue;
    return `contains the control character ${codePoint(match[0])}${kind === 'line' && ALLOWED_IN_MULTILINE.has(match[0]) ? ' (a single line is expected)' : ''}`;
  }
  const bidi = BIDI_CONTROLS.exec(value);
  if (bidi) return `contains the bidirectional formatting character ${codePoint(bidi[0])}`;
  const other = OTHER_REFUSED.exec(value);
  if (other) return `contains the invisible or non-character ${codePoint(other[0])}`;
  return undefined;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

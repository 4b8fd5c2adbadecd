import type { HolderRegistration } from '#libs/domain';
import {
  children,
  contentOf,
  expectTag,
  isIa5String,
  isPrintableString,
  oid,
  printableString,
  readOid,
  readRoot,
  sequence,
  set,
  utf8String,
} from './der.js';
import { InvalidRegistrationError } from './errors.js';
import { OID } from './oids.js';

/** One attribute of a distinguished name; we put each in its own RDN. */
export interface NameAttribute {
  readonly type: string;
  readonly value: string;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.surname]: 'SN',
  [OID.givenName]: 'GN',
  [OID.serialNumber]: 'serialNumber',
  [OID.commonName]: 'CN',
};

/** RFC 5280 §4.1.2.6 / appendix A: countryName and serialNumber are PrintableString, the rest UTF8String. */
const PRINTABLE_TYPES = new Set<string>([OID.countryName, OID.serialNumber]);

export function encodeName(attributes: readonly NameAttribute[]): Buffer {
  return sequence(
    ...attributes.map(({ type, value }) =>
      set(sequence(oid(type), PRINTABLE_TYPES.has(type) ? printableString(value) : utf8String(value))),
    ),
  );
}

/** Attributes of a Name in order; values decoded from the usual DirectoryString choices. */
export function decodeName(der: Uint8Array): NameAttribute[] {
  const root = expectTag(readRoot(der), 0x30, 'Name');
  const out: NameAttribute[] = [];
  for (const rdn of children(der, root)) {
    for (const attribute of children(der, expectTag(rdn, 0x31, 'RelativeDistinguishedName'))) {
      const [type, value] = children(der, expectTag(attribute, 0x30, 'AttributeTypeAndValue'));
      out.push({ type: readOid(der, type), value: decodeString(contentOf(der, value), value.tag) });
    }
  }
  return out;
}

function decodeString(content: Buffer, tag: number): string {
  switch (tag) {
    case 0x0c: // UTF8String
      return content.toString('utf8');
    case 0x1e: // BMPString: UTF-16BE
      return Buffer.from(content).swap16().toString('utf16le');
    default: // PrintableString, IA5String, TeletexString (read as Latin-1)
      return content.toString('latin1');
  }
}

/** "CN=Jeanne Martin, serialNumber=…" for records and messages (not a canonical RFC 4514 form). */
export function formatName(attributes: readonly NameAttribute[]): string {
  return [...attributes]
    .reverse()
    .map(({ type, value }) => `${SHORT_NAMES[type] ?? type}=${value}`)
    .join(', ');
}

/** ub-* upper bounds of RFC 5280 appendix A for the attributes we write. */
const UPPER_BOUND = 64;
const EMAIL_UPPER_BOUND = 255;

/**
 * The holder's subject, from the registration (contract §4.1, §8.2): C=FR, O=firm if any,
 * surname, givenName, serialNumber = the Ordre registration number (the distinguishing attribute:
 * two accountants may share a name, not a roll number; ETSI EN 319 412-2 §4.2.4), CN.
 */
export function holderSubjectAttributes(holder: HolderRegistration): NameAttribute[] {
  const givenName = directoryValue('givenName', holder.givenName);
  const surname = directoryValue('surname', holder.surname);
  const commonName = directoryValue('common name', `${givenName} ${surname}`);
  const registrationNumber = holder.registrationNumber.trim();
  if (!registrationNumber || !isPrintableString(registrationNumber) || registrationNumber.length > UPPER_BOUND) {
    throw new InvalidRegistrationError(
      'the Ordre registration number must be 1-64 PrintableString characters (RFC 5280 X520SerialNumber)',
    );
  }
  const attributes: NameAttribute[] = [{ type: OID.countryName, value: 'FR' }];
  if (holder.firm?.trim()) attributes.push({ type: OID.organizationName, value: directoryValue('firm', holder.firm) });
  attributes.push(
    { type: OID.surname, value: surname },
    { type: OID.givenName, value: givenName },
    { type: OID.serialNumber, value: registrationNumber },
    { type: OID.commonName, value: commonName },
  );
  return attributes;
}

/** The email that goes into subjectAltName rfc822Name: an IA5String mailbox (RFC 5280 §4.2.1.6). */
export function holderEmail(holder: HolderRegistration): string {
  const email = holder.email.trim();
  if (!isIa5String(email) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > EMAIL_UPPER_BOUND) {
    throw new InvalidRegistrationError(
      // The address itself stays out of the message: it travels in failures, logs and incidents.
      'the email cannot be an rfc822Name (ASCII mailbox required, RFC 5280 §4.2.1.6)',
    );
  }
  return email;
}

function directoryValue(what: string, raw: string): string {
  const value = raw.normalize('NFC').trim();
  if (!value) throw new InvalidRegistrationError(`${what} is empty`);
  if (value.length > UPPER_BOUND) throw new InvalidRegistrationError(`${what} exceeds ${UPPER_BOUND} characters (RFC 5280 appendix A)`);
  return value;
}

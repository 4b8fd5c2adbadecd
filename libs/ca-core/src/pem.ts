/** PEM armour (RFC 7468). OpenSSL 3 wants "X509 CRL" for CRLs, not "CRL" (shared/STACK-NOTES.md). */
export type PemLabel = 'CERTIFICATE' | 'X509 CRL' | 'CERTIFICATE REQUEST' | 'PUBLIC KEY';

export function toPem(der: Uint8Array, label: PemLabel): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.length).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** DER of the first PEM block labelled `label` (any label if omitted). */
export function fromPem(pem: string, label?: PemLabel): Buffer {
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const match of pem.matchAll(pattern)) {
    if (!label || match[1] === label) return Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
  }
  throw new Error(`no PEM block${label ? ` labelled ${label}` : ''} found`);
}

/** Accepts DER bytes or PEM text. */
export function toDer(input: Uint8Array | string, label?: PemLabel): Buffer {
  if (typeof input === 'string') return fromPem(input, label);
  return Buffer.from(input.buffer, input.byteOffset, input.length);
}

/** CRL PEM with the label OpenSSL 3 accepts. */
export const crlToPem = (der: Uint8Array): string => toPem(der, 'X509 CRL');

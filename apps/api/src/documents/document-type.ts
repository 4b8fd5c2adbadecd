/**
 * The ID-copy formats we accept. The first bytes only say which decoder to try (never the name or
 * the declared type); whether the file really is one is decided by decoding it (id-copy-check.ts).
 */
const SIGNATURES = [
  { mediaType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { mediaType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { mediaType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
] as const;

export type IdCopyMediaType = (typeof SIGNATURES)[number]['mediaType'];

export const ACCEPTED_MEDIA_TYPES: readonly string[] = SIGNATURES.map((s) => s.mediaType);

/** The media type the first bytes announce, or undefined if not one we accept. */
export function sniffDocumentType(bytes: Buffer): IdCopyMediaType | undefined {
  return SIGNATURES.find(({ magic }) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic))?.mediaType;
}

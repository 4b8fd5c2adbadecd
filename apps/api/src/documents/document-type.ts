/** The ID-copy formats we accept, recognised by content (magic bytes), never by name or header. */
const SIGNATURES: { mediaType: string; magic: Buffer }[] = [
  { mediaType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { mediaType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { mediaType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

export const ACCEPTED_MEDIA_TYPES = SIGNATURES.map((s) => s.mediaType);

/** The media type the bytes really are, or undefined if not one we accept. */
export function sniffDocumentType(bytes: Buffer): string | undefined {
  return SIGNATURES.find(({ magic }) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic))?.mediaType;
}

/**
 * What an ID copy may cost to check, read before decoding. A header or a PDF may declare any size
 * in a few bytes (a 50,000 × 50,000 PNG is 16 kB); these bounds keep one upload's cost to that of a
 * real scan, with room to spare.
 */

/**
 * An A4 page scanned at 600 dpi is 4961 × 7016 px (34.8 Mpx), a card at 1200 dpi 4044 × 2551 px, a
 * phone camera's default picture 12 to 24 Mpx: all fit. A larger image is no more legible to the
 * reviewer. The same bounds hold for the images inside a PDF, which pdf.js decodes in the
 * reviewer's browser.
 */
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 40_000_000;

export function withinImageBounds(width: number, height: number): boolean {
  return width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS;
}

export const IMAGE_BOUNDS = `at most ${MAX_IMAGE_SIDE} a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`;

/** An ID copy is one or two pages (recto, verso); the console shows at most ten (pdf-pages.ts). */
export const MAX_PDF_PAGES = 10;

/** A scan's PDF has tens of objects, a long text document a few thousand; a file with more is a parser bomb. */
export const MAX_PDF_OBJECTS = 10_000;

/** An honest 10 MB PDF parses in well under a second; the parse runs in a worker stopped at this bound. */
export const PDF_PARSE_TIME_LIMIT_MS = 5_000;
export const PDF_PARSE_MEMORY_LIMIT_MB = 256;

/** libvips' own time bound on decoding one image (the pixel bounds make 10 s generous). */
export const IMAGE_DECODE_TIME_LIMIT_S = 10;

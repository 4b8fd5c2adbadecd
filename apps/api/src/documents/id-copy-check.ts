import { sniffDocumentType, type IdCopyMediaType } from './document-type.js';
import { imageRefusal } from './image-check.js';
import { pdfRefusalInWorker } from './pdf-check-in-worker.js';

const IMAGE_FORMATS = { 'image/jpeg': 'jpeg', 'image/png': 'png' } as const;

export type IdCopyVerdict = { accepted: true; mediaType: IdCopyMediaType } | { accepted: false; reason: string };

/** WHATWG MIME Sniffing §7: a browser that guesses a type reads at most the first 1445 bytes. */
const SNIFFED_BYTES = 1445;
/** The starts of an HTML document that the sniffing algorithm recognises (§7.1), and SVG. */
const HTML_MARKUP = /<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|!--)[\t\n\f\r />]/i;

/**
 * Whether an uploaded ID copy is a PDF, JPEG or PNG that decodes (contract §4.1), and if not, why,
 * in words the holder can act on (the upload answers 415 with them and stores nothing).
 */
export async function checkIdCopy(bytes: Buffer): Promise<IdCopyVerdict> {
  const mediaType = sniffDocumentType(bytes);
  if (!mediaType) return { accepted: false, reason: 'the file is neither a PDF nor a JPEG or PNG image' };
  // No PDF writer puts markup there; a polyglot does, for a browser or mail client that sniffs. Not
  // looked for in images: their compressed bytes would match now and then ("<p " is three bytes),
  // and an image is decoded whole anyway (markup after 42 bytes of JPEG magic does not decode).
  if (mediaType === 'application/pdf' && HTML_MARKUP.test(bytes.subarray(0, SNIFFED_BYTES).toString('latin1'))) {
    return { accepted: false, reason: 'the file holds HTML markup in its first bytes (a browser could take it for a web page)' };
  }
  const reason = mediaType === 'application/pdf' ? await pdfRefusalInWorker(bytes) : await imageRefusal(bytes, IMAGE_FORMATS[mediaType]);
  return reason ? { accepted: false, reason } : { accepted: true, mediaType };
}

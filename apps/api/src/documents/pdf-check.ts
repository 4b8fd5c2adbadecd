import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFParser,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { IMAGE_BOUNDS, MAX_PDF_OBJECTS, MAX_PDF_PAGES, withinImageBounds } from './id-copy-bounds.js';

/** Actions that reach outside the document: open or run another file, send or fetch data. */
const OUTWARD_ACTIONS = new Set(['GoToR', 'GoToE', 'ImportData', 'SubmitForm', 'RichMediaExecute']);
/** The link schemes a reviewer may meet in a scanned document; `javascript:`, `file:` and the like are refused. */
const SAFE_URI = /^(https?|mailto):/i;

/**
 * The parts of pdf-lib's parser we watch. Its typings keep them private; pdf-lib is pinned to an
 * exact version (package.json), so they cannot change under us.
 */
interface WatchedParser {
  context: PDFContext;
  bytes: { offset(): number };
  parseDocument(): Promise<PDFContext>;
  parseIndirectObject(): Promise<PDFRef>;
  skipJibberish(): void;
  skipWhitespaceAndComments(): void;
}

interface ParsedPdf {
  context: PDFContext;
  /** Every object definition met, including those inside object streams and those a later update replaced. */
  definitions: PDFObject[];
  /** Byte offsets at which the parser read an indirect object. */
  objectOffsets: Set<number>;
}

/** Why the parse was stopped before its end: the file is refused for it, whatever follows. */
class StopParsing extends Error {
  constructor(readonly refusal: string) {
    super(refusal);
  }
}

/** Where pdf-lib's parser, after whitespace and comments, expects the next section of the file. */
const SECTION_START = /^(xref|trailer|startxref|[0-9]+[\0\t\n\f\r ]+[0-9]+[\0\t\n\f\r ]+obj)/;

/**
 * Why the PDF is refused, or undefined when it is a plain document: parseable, not encrypted, one
 * to MAX_PDF_PAGES pages, and no JavaScript, launch or outward action, embedded file or oversized
 * image anywhere. The check walks every object pdf-lib parsed (it reads the file from start to
 * end, unpacks compressed object streams and decodes `#xx` escapes in names), so neither
 * compression nor `/J#61vaScript` hides anything; a raw-byte search would be blind to both.
 *
 * pdf-lib rather than pdfjs-dist (which the console renders with): pdf.js exposes no object graph,
 * only what its viewer uses (document scripts, attachments, annotations), so an action in an
 * outline item or a shadowed object would slip by; and pdfjs-dist 6 needs Node 22 (Promise.withResolvers)
 * while this API supports Node 20.
 */
export async function pdfRefusal(bytes: Buffer): Promise<string | undefined> {
  let parsed: ParsedPdf;
  try {
    parsed = await parse(bytes);
  } catch (error) {
    return error instanceof StopParsing ? error.refusal : 'the PDF cannot be parsed';
  }
  const { context, definitions } = parsed;
  if (context.trailerInfo.Encrypt) return 'the PDF is encrypted';
  if (hasHiddenObject(bytes, parsed.objectOffsets)) return 'the PDF has an object hidden inside another one';
  for (const definition of definitions) {
    const refusal = activeContentRefusal(definition);
    if (refusal) return refusal;
  }
  const pages = countPages(context);
  if (pages === 0) return 'the PDF has no pages';
  if (pages > MAX_PDF_PAGES) return `the PDF has more than ${MAX_PDF_PAGES} pages`;
  return undefined;
}

/**
 * pdf-lib's parser, strict (an object it cannot parse fails the whole file instead of being
 * skipped, so nothing unparsed can hold a script), and watched: every definition it assigns and
 * where each object starts. It stops at the first bytes that are none of PDF's syntax (pdf-lib
 * would skip them, slowly: a polyglot's other half, or a bomb) and past MAX_PDF_OBJECTS.
 */
async function parse(bytes: Buffer): Promise<ParsedPdf> {
  const parser = PDFParser.forBytesWithOptions(bytes, Infinity, true) as unknown as WatchedParser;
  const definitions: PDFObject[] = [];
  const objectOffsets = new Set<number>();
  // pdf-lib catches what is thrown while it parses an object and throws its own error: the reason is kept here.
  let stop: StopParsing | undefined;
  const stopParsing = (refusal: string) => {
    stop = new StopParsing(refusal);
    throw stop;
  };
  const assign = parser.context.assign.bind(parser.context);
  parser.context.assign = (ref: PDFRef, object: PDFObject) => {
    if (definitions.push(object) > MAX_PDF_OBJECTS) stopParsing(`the PDF has more than ${MAX_PDF_OBJECTS} objects`);
    assign(ref, object);
  };
  const parseIndirectObject = parser.parseIndirectObject.bind(parser);
  parser.parseIndirectObject = () => {
    objectOffsets.add(parser.bytes.offset());
    return parseIndirectObject();
  };
  parser.skipJibberish = () => {
    parser.skipWhitespaceAndComments();
    const at = parser.bytes.offset();
    if (at < bytes.length && !SECTION_START.test(bytes.subarray(at, at + 64).toString('latin1'))) {
      stopParsing('the PDF holds bytes outside its objects (another kind of file may be hidden in it)');
    }
  };
  try {
    return { context: await parser.parseDocument(), definitions, objectOffsets };
  } catch (error) {
    throw stop ?? error;
  }
}

/**
 * A viewer finds objects through the cross-reference table, or by scanning for `N G obj` when
 * the table is broken; pdf-lib reads them in file order. An object header that pdf-lib did not
 * read as an object (it sits inside a stream or a string) is one a viewer could see and we did not.
 */
function hasHiddenObject(bytes: Buffer, objectOffsets: Set<number>): boolean {
  for (const header of bytes.toString('latin1').matchAll(/(?<![0-9])[0-9]+[\0\t\n\f\r ]+[0-9]+[\0\t\n\f\r ]+obj(?![A-Za-z0-9])/g)) {
    if (!objectOffsets.has(header.index)) return true;
  }
  return false;
}

/** The first reason found in one object definition and everything nested in it (references are walked as their own definitions). */
function activeContentRefusal(definition: PDFObject): string | undefined {
  // A stack, not recursion: nesting depth is the file author's choice. Arrays may be long, hence no spread.
  const pending: PDFObject[] = [definition];
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFArray) for (const element of object.asArray()) pending.push(element);
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    const entries = entriesOf(dict);
    const refusal = dictRefusal(entries) ?? (object instanceof PDFStream ? streamRefusal(entries) : undefined);
    if (refusal) return refusal;
    for (const value of entries.values()) pending.push(value);
  }
  return undefined;
}

function dictRefusal(entries: Map<string, PDFObject>): string | undefined {
  const action = nameOf(entries.get('S'));
  const type = nameOf(entries.get('Type'));
  const subtype = nameOf(entries.get('Subtype'));
  // /JS holds the script of a JavaScript action; /JavaScript names the document-level scripts (name tree).
  if (entries.has('JS') || entries.has('JavaScript') || action === 'JavaScript') return 'the PDF contains JavaScript';
  // XFA forms carry their own scripts.
  if (entries.has('XFA')) return 'the PDF contains an XFA form';
  if (action === 'Launch') return 'the PDF contains a launch action (it would start a program or open a file)';
  if (action && OUTWARD_ACTIONS.has(action)) return `the PDF contains a ${action} action (it reaches outside the document)`;
  if (action === 'URI' && !SAFE_URI.test(textOf(entries.get('URI')) ?? '')) {
    return 'the PDF contains a link that is not a web or mail address';
  }
  if (entries.has('EmbeddedFiles') || entries.has('EF') || type === 'EmbeddedFile' || subtype === 'FileAttachment') {
    return 'the PDF contains embedded files';
  }
  if (entries.has('Encrypt')) return 'the PDF is encrypted';
  if (subtype === 'Image') {
    const width = numberOf(entries.get('Width'));
    const height = numberOf(entries.get('Height'));
    // The console draws pages with pdf.js in the reviewer's browser: a huge image is as much a bomb there.
    if (width === undefined || height === undefined || !withinImageBounds(width, height)) {
      return `the PDF holds an image of ${width ?? '?'} × ${height ?? '?'} pixels: ${IMAGE_BOUNDS}`;
    }
  }
  return undefined;
}

/**
 * pdf-lib unpacks an object stream (and never assigns it as an object) only when its /Type is
 * exactly /ObjStm. One it left packed, whatever its spelling, is one whose objects we did not see.
 */
function streamRefusal(entries: Map<string, PDFObject>): string | undefined {
  const objectStream = nameOf(entries.get('Type')) === 'ObjStm' || (entries.has('N') && entries.has('First'));
  return objectStream ? 'the PDF has an object stream that cannot be read' : undefined;
}

/** A dictionary's entries by their decoded key names. */
function entriesOf(dict: PDFDict): Map<string, PDFObject> {
  return new Map(dict.entries().map(([key, value]) => [decodedName(key), value]));
}

/**
 * pdf-lib decodes `#xx` escapes in names only with upper-case hex digits (`#4A`, not `#4a`);
 * viewers accept both, so the escapes it left are decoded here. (A name holding a literal `#`
 * followed by two hex digits, which no producer writes, would be decoded twice: refused at worst.)
 */
function decodedName(name: PDFName): string {
  return name.decodeText().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? decodedName(object) : undefined;
}

function numberOf(object: PDFObject | undefined): number | undefined {
  return object instanceof PDFNumber ? object.asNumber() : undefined;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** Leaves of the page tree from the catalog, counted up to one past the bound (a tree may loop or be huge). */
function countPages(context: PDFContext): number {
  const resolve = (object: PDFObject | undefined) => (object instanceof PDFRef ? context.lookup(object) : object);
  const catalog = resolve(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) return 0;
  const seen = new Set<PDFObject>();
  const pending: (PDFObject | undefined)[] = [resolve(entriesOf(catalog).get('Pages'))];
  let pages = 0;
  while (pending.length > 0 && pages <= MAX_PDF_PAGES) {
    const node = pending.pop();
    if (!(node instanceof PDFDict) || seen.has(node)) continue;
    seen.add(node);
    const entries = entriesOf(node);
    const kids = resolve(entries.get('Kids'));
    if (nameOf(entries.get('Type')) === 'Page' || !(kids instanceof PDFArray)) pages += 1;
    else for (const kid of kids.asArray()) pending.push(resolve(kid));
  }
  return pages;
}

import { describe, expect, it } from '@jest/globals';
import { hostilePdfs, handWrittenPdf, pdfOfPages, pdfWithObjectStream } from '../../../../test/support/id-copy-samples.js';
import { idCopyPdf } from '../../../../test/support/id-copy-pdf.js';
import { pdfRefusal } from './pdf-check.js';

describe('pdfRefusal', () => {
  it('accepts plain documents: pdfkit, hand-written, packed in an object stream, up to ten pages', async () => {
    await expect(pdfRefusal(await idCopyPdf())).resolves.toBeUndefined();
    await expect(pdfRefusal(handWrittenPdf())).resolves.toBeUndefined();
    await expect(pdfRefusal(pdfWithObjectStream({ packed: ['<< /Title (Recto) >>'] }))).resolves.toBeUndefined();
    await expect(pdfRefusal(await pdfOfPages(10))).resolves.toBeUndefined();
    await expect(pdfRefusal(handWrittenPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://www.oec-paris.fr/) >> >>'] }))).resolves.toBeUndefined();
  });

  it.each([
    ['an /OpenAction JavaScript', hostilePdfs.openActionJavaScript, /contains JavaScript/],
    ['JavaScript packed in a compressed object stream, with /J#61vaScript', hostilePdfs.javaScriptInObjectStream, /contains JavaScript/],
    ['names escaped with lower-case hex (/#4aavaScript)', hostilePdfs.lowerCaseHexName, /contains JavaScript/],
    ['a page /AA JavaScript', hostilePdfs.pageAdditionalAction, /contains JavaScript/],
    ['a document-level script in the /JavaScript name tree', hostilePdfs.namesTreeJavaScript, /contains JavaScript/],
    ['JavaScript behind an outline item', hostilePdfs.outlineJavaScript, /contains JavaScript/],
    ['a /Launch action', hostilePdfs.launchAction, /launch action/],
    ['a javascript: link', hostilePdfs.javaScriptLink, /link that is not a web or mail address/],
    ['/EmbeddedFiles', hostilePdfs.embeddedFiles, /embedded files/],
    ['a /FileAttachment annotation', hostilePdfs.fileAttachmentAnnotation, /embedded files/],
    ['an /Encrypt dictionary', hostilePdfs.encrypted, /encrypted/],
    ['an object defined twice, the script where the xref points', hostilePdfs.shadowedObject, /contains JavaScript/],
    ['an object hidden inside a stream', hostilePdfs.objectHiddenInStream, /object hidden inside another/],
    ['bytes outside any object', hostilePdfs.strayBytesBetweenObjects, /bytes outside its objects/],
    ['a 50,000 × 50,000 image', hostilePdfs.imageBomb, /image of 50000 × 50000 pixels/],
    ['a bare %PDF- header', hostilePdfs.bareHeader, /cannot be parsed/],
  ])('refuses a PDF with %s', async (_, build, reason) => {
    await expect(pdfRefusal(build())).resolves.toMatch(reason);
  });

  it('refuses more than ten pages, no page, an object it cannot parse, and an object stream it cannot unpack', async () => {
    await expect(pdfRefusal(await pdfOfPages(11))).resolves.toBe('the PDF has more than 10 pages');
    await expect(pdfRefusal(Buffer.from(handWrittenPdf().toString('latin1').replace('/Kids [3 0 R] /Count 1', '/Kids [] /Count 0'), 'latin1'))).resolves.toBe('the PDF has no pages');
    await expect(pdfRefusal(handWrittenPdf({ objects: ['<< /Broken (unterminated >>'] }))).resolves.toBe('the PDF cannot be parsed');
    const misspelt = pdfWithObjectStream({ catalog: '/OpenAction 6 0 R', packed: [`<< /S /JavaScript /JS (1) >>`] }).toString('latin1').replace('/Type /ObjStm', '/Type /#4fbjStm');
    await expect(pdfRefusal(Buffer.from(misspelt, 'latin1'))).resolves.toBe('the PDF has an object stream that cannot be read');
  });

  it('stops early on a parser bomb: past 10,000 objects, and at the first bytes outside PDF syntax', async () => {
    const objects = Array.from({ length: 10_001 }, () => '<< >>');
    await expect(pdfRefusal(handWrittenPdf({ objects }))).resolves.toBe('the PDF has more than 10000 objects');
    // pdf-lib alone would skip these bytes one at a time, retrying an object header at each: 27 s for 10 MB.
    const started = Date.now();
    const junk = Buffer.from(`%PDF-1.7\n${'1 0 obj\n'.repeat(1_200_000)}`, 'latin1');
    await expect(pdfRefusal(junk)).resolves.toBe('the PDF holds bytes outside its objects (another kind of file may be hidden in it)');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

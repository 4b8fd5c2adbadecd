import { describe, expect, it } from '@jest/globals';
import { hostileImages, hostilePdfs, idCardPng, scannedIdCardJpeg } from '../../../../test/support/id-copy-samples.js';
import { idCopyPdf } from '../../../../test/support/id-copy-pdf.js';
import { checkIdCopy } from './id-copy-check.js';

describe('checkIdCopy', () => {
  it('accepts a scanned JPEG, a PNG and a PDF holding a scan, with the type they decode as', async () => {
    const scan = await scannedIdCardJpeg();
    await expect(checkIdCopy(scan)).resolves.toEqual({ accepted: true, mediaType: 'image/jpeg' });
    await expect(checkIdCopy(await idCardPng())).resolves.toEqual({ accepted: true, mediaType: 'image/png' });
    await expect(checkIdCopy(await idCopyPdf(scan))).resolves.toEqual({ accepted: true, mediaType: 'application/pdf' });
  });

  it.each([
    ['a PDF with an /OpenAction JavaScript', hostilePdfs.openActionJavaScript, 'the PDF contains JavaScript'],
    ['a %PDF-/HTML polyglot', hostilePdfs.htmlPolyglot, 'the file holds HTML markup in its first bytes (a browser could take it for a web page)'],
    ['42 bytes of JPEG magic followed by HTML', hostileImages.jpegMagicThenHtml, 'the file starts like a JPEG image but its header does not decode'],
    ['a 5-byte %PDF-', hostilePdfs.bareHeader, 'the PDF cannot be parsed'],
    ['a 50,000 × 50,000 PNG header', hostileImages.hugePngHeader, 'the image is 50000 × 50000 pixels: at most 12000 a side and 40 megapixels'],
    ['a web page', () => Buffer.from('<html><script>alert(1)</script></html>'), 'the file is neither a PDF nor a JPEG or PNG image'],
    ['a GIF', () => Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'the file is neither a PDF nor a JPEG or PNG image'],
  ])('refuses %s, saying why', async (_, build, reason) => {
    await expect(checkIdCopy(await build())).resolves.toEqual({ accepted: false, reason });
  });
});

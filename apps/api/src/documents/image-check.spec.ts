import { describe, expect, it } from '@jest/globals';
import { hostileImages, idCardPng, pngDeclaring, scannedIdCardJpeg } from '../../../../test/support/id-copy-samples.js';
import { imageRefusal } from './image-check.js';

describe('imageRefusal', () => {
  it('accepts a scanned JPEG and a PNG that decode fully', async () => {
    await expect(imageRefusal(await scannedIdCardJpeg(), 'jpeg')).resolves.toBeUndefined();
    await expect(imageRefusal(await idCardPng(), 'png')).resolves.toBeUndefined();
  });

  it('refuses a header declaring too many pixels before decoding any, naming the size', async () => {
    const started = Date.now();
    await expect(imageRefusal(hostileImages.hugePngHeader(), 'png')).resolves.toBe('the image is 50000 × 50000 pixels: at most 12000 a side and 40 megapixels');
    expect(Date.now() - started).toBeLessThan(1000); // the header alone was read
    await expect(imageRefusal(pngDeclaring(12_001, 10), 'png')).resolves.toMatch(/12001 × 10 pixels/);
    await expect(imageRefusal(pngDeclaring(6400, 6400), 'png')).resolves.toMatch(/6400 × 6400 pixels/); // 40.96 Mpx
  });

  it('refuses what does not decode: magic bytes then no image, a truncated scan, pixels missing behind a header', async () => {
    await expect(imageRefusal(await hostileImages.jpegMagicThenText(), 'jpeg')).resolves.toMatch(/header does not decode/);
    await expect(imageRefusal(await hostileImages.jpegMagicThenHtml(), 'jpeg')).resolves.toMatch(/header does not decode/);
    await expect(imageRefusal(await hostileImages.truncatedJpeg(), 'jpeg')).resolves.toBe('the image data is truncated or corrupt');
    await expect(imageRefusal(pngDeclaring(3000, 3000), 'png')).resolves.toBe('the image data is truncated or corrupt');
  });

  it('refuses an image of another format than its first bytes announced', async () => {
    await expect(imageRefusal(await idCardPng(), 'jpeg')).resolves.toBe('the file starts like a JPEG image but decodes as png');
  });
});

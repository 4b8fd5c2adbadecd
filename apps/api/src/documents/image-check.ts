import sharp, { type Metadata } from 'sharp';
import { IMAGE_BOUNDS, IMAGE_DECODE_TIME_LIMIT_S, MAX_IMAGE_PIXELS, withinImageBounds } from './id-copy-bounds.js';

export type ImageFormat = 'jpeg' | 'png';

// libvips' operation cache would keep recently decoded ID copies in memory after the request; the
// API decodes nothing else, so nothing is lost by turning it off.
sharp.cache(false);

/**
 * Why the image is refused, or undefined when it decodes fully as `format` within the bounds
 * (id-copy-bounds.ts), checked on the header before a single pixel is decoded. The
 * first bytes only chose the decoder: a JPEG or PNG header followed by anything else fails here.
 */
export async function imageRefusal(bytes: Buffer, format: ImageFormat): Promise<string | undefined> {
  const announced = format.toUpperCase();
  let header: Metadata;
  try {
    // The header alone: sharp's own pixel limit would refuse an oversized one without saying its size.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return `the file starts like a ${announced} image but its header does not decode`;
  }
  if (header.format !== format) return `the file starts like a ${announced} image but decodes as ${header.format ?? 'nothing known'}`;
  const { width, height } = header;
  if (!width || !height) return 'the image declares no dimensions';
  if (!withinImageBounds(width, height)) return `the image is ${width} × ${height} pixels: ${IMAGE_BOUNDS}`;
  try {
    // Statistics read every pixel (proving they are all there) without holding the decoded image.
    // failOn 'error' refuses truncated and corrupt pixel data but tolerates the benign warnings
    // (extraneous bytes before a marker) that some scanners' encoders produce.
    await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true, autoOrient: false })
      .timeout({ seconds: IMAGE_DECODE_TIME_LIMIT_S })
      .stats();
  } catch (error) {
    if (/timeout/i.test((error as Error).message)) return 'the image takes too long to decode';
    return 'the image data is truncated or corrupt';
  }
  return undefined;
}

import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The HTTP side of OCSP (RFC 6960 appendix A.1, RFC 5019 §5): raw DER in a POST body, or
 * URL-encoded base64 in a GET path. Whatever cannot be decoded becomes bytes the responder
 * refuses as malformedRequest, so bad input gets an OCSP answer rather than an HTTP error.
 */

export const OCSP_REQUEST_MEDIA_TYPE = 'application/ocsp-request';
export const OCSP_RESPONSE_MEDIA_TYPE = 'application/ocsp-response';

/** Far above a real request (a few hundred octets, 16 CertIDs at most are answered). */
export const MAX_OCSP_REQUEST_BYTES = 64 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The DER of a GET request's last path part(s). Express has already percent-decoded each segment;
 * an unencoded "/" of the base64 alphabet split it into several, which are joined back.
 */
export function decodeGetRequest(segments: string | readonly string[]): Buffer {
  const base64 = (typeof segments === 'string' ? [segments] : segments).join('/');
  if (base64.length === 0 || base64.length > Math.ceil((MAX_OCSP_REQUEST_BYTES * 4) / 3) + 4 || !BASE64.test(base64)) return Buffer.alloc(0);
  return Buffer.from(base64, 'base64');
}

/**
 * The body of a POST, read here because the application's body parsers (JSON, forms) leave
 * `application/ocsp-request` alone. Other media types: 415; beyond the limit: 413.
 */
export async function readPostedRequest(request: Request, limit = MAX_OCSP_REQUEST_BYTES): Promise<Buffer> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== OCSP_REQUEST_MEDIA_TYPE) {
    throw new UnsupportedMediaTypeException({
      title: 'unsupported media type',
      detail: `POST /pki/ocsp takes a DER OCSPRequest with Content-Type ${OCSP_REQUEST_MEDIA_TYPE} (RFC 6960 appendix A.1).`,
    });
  }
  if (Buffer.isBuffer(request.body)) return checkSize(request.body, limit); // a raw body parser got there first
  if (Number(request.headers['content-length']) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function checkSize(body: Buffer, limit: number): Buffer {
  if (body.length > limit) throw tooLarge(limit);
  return body;
}

function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException({ title: 'request too large', detail: `An OCSP request is at most ${limit} bytes.` });
}

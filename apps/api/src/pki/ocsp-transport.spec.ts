import { describe, expect, it } from '@jest/globals';
import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { decodeGetRequest, readPostedRequest } from './ocsp-transport.js';

function posted(body: Buffer, headers: Record<string, string>): Request {
  return Object.assign(Readable.from([body.subarray(0, 3), body.subarray(3)]), { headers, body: {} }) as unknown as Request;
}

describe('OCSP over HTTP (RFC 6960 appendix A.1, RFC 5019 §5)', () => {
  const der = Buffer.from([0x30, 0x03, 0xfb, 0xff, 0x3e]); // base64 "MAP7/z4=", with a "/"

  it('reads the base64 of a GET path, re-joining segments split at an unencoded "/"', () => {
    expect(der.toString('base64')).toBe('MAP7/z4=');
    expect(decodeGetRequest('MAP7/z4=')).toEqual(der);
    expect(decodeGetRequest(['MAP7', 'z4='])).toEqual(der);
    expect(decodeGetRequest(Buffer.from([0xfb, 0xef]).toString('base64'))).toEqual(Buffer.from([0xfb, 0xef])); // "++8="
  });

  it('turns what is not base64 into no bytes at all (the responder answers malformedRequest)', () => {
    for (const input of ['', '!!', 'a b', 'AAA===', 'x'.repeat(100_000)]) expect(decodeGetRequest(input)).toHaveLength(0);
  });

  it('reads a POST body of application/ocsp-request, refusing other media types and bodies over the limit', async () => {
    const body = Buffer.from('0123456789');
    await expect(readPostedRequest(posted(body, { 'content-type': 'application/ocsp-request' }))).resolves.toEqual(body);
    await expect(readPostedRequest(posted(body, { 'content-type': 'Application/OCSP-Request; charset=binary' }))).resolves.toEqual(body);
    await expect(readPostedRequest(posted(body, { 'content-type': 'application/octet-stream' }))).rejects.toThrow(UnsupportedMediaTypeException);
    await expect(readPostedRequest(posted(body, {}))).rejects.toThrow(UnsupportedMediaTypeException);
    await expect(readPostedRequest(posted(body, { 'content-type': 'application/ocsp-request' }), 9)).rejects.toThrow(PayloadTooLargeException);
    await expect(readPostedRequest(posted(body, { 'content-type': 'application/ocsp-request', 'content-length': '100' }), 50)).rejects.toThrow(PayloadTooLargeException);
  });
});

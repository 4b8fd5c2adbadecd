import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import { hostilePdfs, scannedIdCardJpeg } from '../../../../test/support/id-copy-samples.js';
import { idCopyDownload } from './id-copy-download.js';

async function served(content: Buffer) {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) } as unknown as Response;
  const file = await idCopyDownload({ id: 'c0ffee00-0000-4000-8000-000000000001', content }, response);
  return { headers, type: file.getHeaders().type };
}

describe('idCopyDownload', () => {
  it('serves a copy that decodes inline, as the type it decodes as, sandboxed and never sniffed', async () => {
    const { headers, type } = await served(await scannedIdCardJpeg());
    expect(type).toBe('image/jpeg');
    expect(headers).toEqual({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': 'inline; filename="piece-identite-c0ffee00-0000-4000-8000-000000000001.jpg"',
    });
  });

  it('serves a copy stored before uploads were decoded, and that fails now, as an opaque attachment', async () => {
    const { headers, type } = await served(hostilePdfs.openActionJavaScript());
    expect(type).toBe('application/octet-stream');
    expect(headers['content-disposition']).toBe('attachment; filename="piece-identite-c0ffee00-0000-4000-8000-000000000001"');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });
});

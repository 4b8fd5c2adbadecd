import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import { cacheUntilNextUpdate, secondsUntil, strongEtag } from './http-caching.js';

describe('cache headers', () => {
  it('keeps an artefact fresh until its nextUpdate, never a negative max-age', () => {
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => void (headers[name] = value) } as unknown as Response;
    const thisUpdate = new Date('2030-04-01T08:00:00Z');
    const nextUpdate = new Date('2030-04-02T08:00:00Z');
    cacheUntilNextUpdate(response, { thisUpdate, nextUpdate }, new Date('2030-04-02T07:59:00.500Z'));
    expect(headers).toEqual({
      'Cache-Control': 'public, max-age=59, no-transform, must-revalidate',
      'Last-Modified': 'Mon, 01 Apr 2030 08:00:00 GMT',
      Expires: 'Tue, 02 Apr 2030 08:00:00 GMT',
    });
    expect(secondsUntil(nextUpdate, new Date('2030-04-03T00:00:00Z'))).toBe(0);
    expect(strongEtag('ab12')).toBe('"ab12"');
  });
});

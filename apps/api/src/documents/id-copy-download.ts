import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { IdCopyMediaType } from './document-type.js';
import { checkIdCopy } from './id-copy-check.js';

/**
 * What a reviewer's browser may do with an ID copy opened on its own: show it, run nothing, load
 * nothing (a PDF's or an SVG's scripts, a polyglot's HTML), whatever the copy holds.
 */
export const ID_COPY_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

const EXTENSIONS: Record<IdCopyMediaType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/**
 * The answer carrying a stored ID copy to staff. Its type is the one the bytes decode as now, not
 * the one recorded: copies stored before uploads were decoded (issue 12) were only sniffed by their
 * first bytes, so each read checks again. Only a copy that passes is `inline`; any other goes out
 * as an opaque attachment, which no browser renders.
 */
export async function idCopyDownload(copy: { id: string; content: Buffer }, response: Response): Promise<StreamableFile> {
  const verdict = await checkIdCopy(copy.content);
  const filename = `piece-identite-${copy.id}${verdict.accepted ? EXTENSIONS[verdict.mediaType] : ''}`;
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', ID_COPY_CONTENT_SECURITY_POLICY);
  response.setHeader('Content-Disposition', `${verdict.accepted ? 'inline' : 'attachment'}; filename="${filename}"`);
  const type = verdict.accepted ? verdict.mediaType : 'application/octet-stream';
  return new StreamableFile(copy.content, { type, length: copy.content.length });
}

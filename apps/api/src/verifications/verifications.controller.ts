import { BadRequestException, Body, Controller, HttpStatus, Inject, Post, Req, Res, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { reportToJson } from '#libs/verification';
import { CaUnavailableFilter } from '../pki/ca-unavailable.filter.js';
import { VerificationRequestDto } from './dto/verification-request.dto.js';
import { VerificationsService } from './verifications.service.js';

/** A signed document may be as large as an uploaded ID copy (contract §4.1 sizes). */
export const MAX_VERIFIED_FILE_BYTES = 10 * 1024 * 1024;

interface UploadedFields {
  signature?: { buffer: Buffer }[];
  document?: { buffer: Buffer }[];
}

/**
 * Public: the free verification tool for relying parties (contract §10.2). JSON (base64 fields) or
 * multipart (file fields) with `signature` and, for a detached signature, `document`. Answers 200
 * with the verdict, every reason, the signer and the revocation status: JSON, or the text report
 * when the client prefers text/plain.
 */
@Controller('v1/verifications')
@UseFilters(CaUnavailableFilter)
export class VerificationsController {
  constructor(@Inject(VerificationsService) private readonly verifications: VerificationsService) {}

  @Post()
  @ApiOkResponse({
    description: 'the verdict, every reason, the signer and the revocation status: JSON, or the text report to a client preferring text/plain',
    content: { 'application/json': { schema: { type: 'object' } }, 'text/plain': { schema: { type: 'string' } } },
  })
  // The JSON body (base64 fields) is the DTO's; these are the same fields as files.
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['signature'],
      properties: {
        signature: { type: 'string', format: 'binary', description: 'the CMS signature (DER), at most 10 MB' },
        document: { type: 'string', format: 'binary', description: 'the signed document, for a detached signature' },
      },
    },
  })
  @UseInterceptors(
    FileFieldsInterceptor([{ name: 'signature', maxCount: 1 }, { name: 'document', maxCount: 1 }], {
      limits: { fileSize: MAX_VERIFIED_FILE_BYTES, files: 2 },
    }),
  )
  async verify(
    @Body() dto: VerificationRequestDto,
    @UploadedFiles() files: UploadedFields | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const signature = oneOf('signature', files?.signature?.[0]?.buffer, dto.signature);
    if (!signature?.length) {
      throw invalid('signature', 'signature is required: the CMS signature (DER), as a base64 JSON field or a multipart file');
    }
    const document = oneOf('document', files?.document?.[0]?.buffer, dto.document);
    const report = await this.verifications.verify(signature, document?.length ? document : undefined);
    response.status(HttpStatus.OK);
    if (request.accepts(['application/json', 'text/plain']) === 'text/plain') response.type('text/plain').send(report.toText());
    else response.json(reportToJson(report));
  }
}

function oneOf(field: string, file: Buffer | undefined, base64: string | undefined): Buffer | undefined {
  if (file && base64 !== undefined) throw invalid(field, `${field} was given twice: as a file and as a field`);
  return file ?? (base64 !== undefined ? Buffer.from(base64, 'base64') : undefined);
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ title: 'invalid request', detail: `Invalid fields: ${field}`, errors: [{ field, messages: [message] }] });
}

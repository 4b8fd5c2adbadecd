import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiParam, ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { CaUnavailableFilter } from './ca-unavailable.filter.js';
import { cacheUntilNextUpdate, strongEtag } from './http-caching.js';
import { MAX_OCSP_REQUEST_BYTES, OCSP_REQUEST_MEDIA_TYPE, OCSP_RESPONSE_MEDIA_TYPE, decodeGetRequest, readPostedRequest } from './ocsp-transport.js';
import { OcspService, type OcspAnswer } from './ocsp.service.js';

/**
 * The OCSP responder at the URL the certificates' AIA carries. Every request that reaches the
 * responder gets HTTP 200 with an OCSP response, malformedRequest and unauthorized included
 * (RFC 6960 §2.3): the OCSP status, not the HTTP status, is the answer.
 */
@Controller('pki/ocsp')
@UseFilters(CaUnavailableFilter)
export class OcspController {
  constructor(@Inject(OcspService) private readonly ocsp: OcspService) {}

  @Post()
  @ApiConsumes(OCSP_REQUEST_MEDIA_TYPE)
  @ApiBody({ required: true, description: 'a DER OCSPRequest (RFC 6960 §4.1.1)', schema: { type: 'string', format: 'binary', maxLength: MAX_OCSP_REQUEST_BYTES } })
  @ApiOkResponse({ description: 'a DER OCSPResponse, malformedRequest and unauthorized included', content: { [OCSP_RESPONSE_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiPayloadTooLargeResponse({ description: `more than ${MAX_OCSP_REQUEST_BYTES} bytes` })
  @ApiUnsupportedMediaTypeResponse({ description: `a Content-Type other than ${OCSP_REQUEST_MEDIA_TYPE}` })
  async post(@Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = await this.ocsp.respond(await readPostedRequest(request));
    // A POST answer is for its requester only (RFC 5019 §5: caching is what GET is for).
    response.setHeader('Cache-Control', 'no-store');
    send(response, answer);
  }

  /** RFC 5019 §5: GET {url}/{url-encoding of base-64 encoding of the DER encoding of the OCSPRequest}. */
  @Get('*encodedRequest')
  @ApiParam({
    name: 'encodedRequest',
    description: 'the base64 of a DER OCSPRequest, URL-encoded (its "/" may also be left as path separators); anything else is answered malformedRequest',
    schema: { type: 'string', format: 'byte', minLength: 1 },
  })
  @ApiOkResponse({ description: 'a DER OCSPResponse, cacheable until its nextUpdate (ETag); malformedRequest and unauthorized included', content: { [OCSP_RESPONSE_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  async get(@Param('encodedRequest') encodedRequest: string | string[], @Res() response: Response): Promise<void> {
    const answer = await this.ocsp.respond(decodeGetRequest(encodedRequest));
    if (answer.validity) {
      // RFC 5019 §6.2: cacheable until nextUpdate; the ETag is the response's digest.
      cacheUntilNextUpdate(response, answer.validity, new Date());
      response.setHeader('ETag', strongEtag(createHash('sha256').update(answer.der).digest('hex')));
    } else {
      response.setHeader('Cache-Control', 'no-store'); // error statuses carry no validity period
    }
    send(response, answer);
  }
}

function send(response: Response, answer: OcspAnswer): void {
  response.status(200).type(OCSP_RESPONSE_MEDIA_TYPE).send(answer.der);
}

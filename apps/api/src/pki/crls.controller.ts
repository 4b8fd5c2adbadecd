import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { CA_NAMES, isCaName } from './ca-repository.js';
import { cacheUntilNextUpdate, strongEtag } from './http-caching.js';
import { PublishedCrls } from './published-crls.js';

/** Each CA's current CRL, at the cRLDistributionPoints URL its certificates carry (RFC 5280 §4.2.1.13). */
@Controller('pki/crl')
export class CrlsController {
  constructor(@Inject(PublishedCrls) private readonly crls: PublishedCrls) {}

  @Get(':ca.crl')
  @ApiParam({ name: 'ca', enum: CA_NAMES, description: 'the CA whose CRL it is' })
  @ApiOkResponse({ description: 'the latest CRL, DER (RFC 5280), cacheable until its nextUpdate', content: { 'application/pkix-crl': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'no CA of that name, or no CRL published for it yet' })
  async current(@Param('ca') ca: string, @Res() response: Response): Promise<void> {
    if (!isCaName(ca)) {
      throw new NotFoundException({ title: 'unknown certification authority', detail: `No CA named ${ca}; the CAs are ${CA_NAMES.join(', ')}.` });
    }
    const crl = await this.crls.latest(ca);
    if (!crl) throw new NotFoundException({ title: 'no CRL published', detail: `No CRL has been published yet for ${ca}.` });
    cacheUntilNextUpdate(response, crl, new Date());
    response.setHeader('ETag', strongEtag(createHash('sha256').update(crl.der).digest('hex')));
    response.setHeader('Content-Disposition', `inline; filename="${ca}.crl"`);
    response.type('application/pkix-crl').send(crl.der);
  }
}

import { Controller, Get, Inject, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { CA_NAMES, CaRepository, isCaName, type PublishedCaCertificate } from './ca-repository.js';
import { CaUnavailableFilter } from './ca-unavailable.filter.js';
import { CA_CERTIFICATE_MAX_AGE_SECONDS, strongEtag } from './http-caching.js';

/**
 * The CA certificates, at the caIssuers URLs the certificates carry (RFC 5280 §4.2.2.1):
 * DER as `application/pkix-cert` (RFC 2585 §4.1), and PEM for people.
 */
@Controller('pki/ca')
@UseFilters(CaUnavailableFilter)
export class CaCertificatesController {
  constructor(@Inject(CaRepository) private readonly ca: CaRepository) {}

  @Get(':name.crt')
  @ApiParam({ name: 'name', enum: CA_NAMES, description: 'root, or a regional issuing CA' })
  @ApiOkResponse({ description: 'the CA certificate, DER', content: { 'application/pkix-cert': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'no CA of that name' })
  async der(@Param('name') name: string, @Res() response: Response): Promise<void> {
    const certificate = await this.certificate(name);
    publish(response, certificate, strongEtag(certificate.sha256), `${certificate.name}.crt`);
    response.type('application/pkix-cert').send(certificate.der);
  }

  @Get(':name.pem')
  @ApiParam({ name: 'name', enum: CA_NAMES, description: 'root, or a regional issuing CA' })
  @ApiOkResponse({ description: 'the CA certificate, PEM', content: { 'application/x-pem-file': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'no CA of that name' })
  async pem(@Param('name') name: string, @Res() response: Response): Promise<void> {
    const certificate = await this.certificate(name);
    // Another representation, another ETag (RFC 9110 §8.8.3).
    publish(response, certificate, strongEtag(`${certificate.sha256}.pem`), `${certificate.name}.pem`);
    response.type('application/x-pem-file').send(Buffer.from(certificate.pem, 'ascii'));
  }

  private certificate(name: string): Promise<PublishedCaCertificate> {
    if (!isCaName(name)) {
      throw new NotFoundException({ title: 'unknown certification authority', detail: `No CA named ${name}; the CAs are ${CA_NAMES.join(', ')}.` });
    }
    return this.ca.caCertificate(name);
  }
}

function publish(response: Response, certificate: PublishedCaCertificate, etag: string, filename: string): void {
  response.setHeader('Cache-Control', `public, max-age=${CA_CERTIFICATE_MAX_AGE_SECONDS}`);
  response.setHeader('ETag', etag);
  response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
}

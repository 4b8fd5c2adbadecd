import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { POLICY_PAGES, PolicyPages, isPolicyPageName } from './policy-pages.js';

/** The certificate policies (the CPS URIs in the certificates) and the general conditions. */
@Controller('pki/policies')
export class PoliciesController {
  constructor(@Inject(PolicyPages) private readonly pages: PolicyPages) {}

  @Get(':name')
  @ApiParam({ name: 'name', enum: POLICY_PAGES })
  @ApiOkResponse({
    description: 'a certificate policy (HTML), or the general conditions (plain text), in French',
    content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'no document of that name' })
  async page(@Param('name') name: string, @Res() response: Response): Promise<void> {
    if (!isPolicyPageName(name)) {
      throw new NotFoundException({ title: 'unknown document', detail: `No document named ${name}; the documents are ${POLICY_PAGES.join(', ')}.` });
    }
    const page = await this.pages.page(name);
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.setHeader('Content-Language', 'fr');
    response.type(page.contentType).send(page.body);
  }
}

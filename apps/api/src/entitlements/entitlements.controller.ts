import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { SigningToolEntitlementDto } from './dto/signing-tool-entitlement.dto.js';
import { EntitlementsService } from './entitlements.service.js';

/** Public: the signing software asks whether the certificate it was given opens its full version (contract §6.3). */
@Controller('v1/entitlements')
export class EntitlementsController {
  constructor(@Inject(EntitlementsService) private readonly entitlements: EntitlementsService) {}

  @Post('signing-tool')
  @HttpCode(HttpStatus.OK)
  signingTool(@Body() dto: SigningToolEntitlementDto) {
    return this.entitlements.signingTool(dto.certificate);
  }
}

import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RedeemSignInLinkDto } from './dto/redeem-sign-in-link.dto.js';
import { RequestSignInLinkDto } from './dto/request-sign-in-link.dto.js';
import { SignInLinks } from './sign-in-links.service.js';

/** Holders sign in by a link mailed to the address they registered with (no password to forget or leak). */
@Controller('v1/sessions')
export class SessionsController {
  constructor(@Inject(SignInLinks) private readonly links: SignInLinks) {}

  /** Always 202, known address or not: the answer reveals nothing about who is a holder. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  requestLink(@Body() dto: RequestSignInLinkDto): { detail: string } {
    this.links.request(dto.email);
    return { detail: 'Si cette adresse correspond à une demande en cours, un lien de connexion valable 15 minutes vient d’y être envoyé.' };
  }

  @Post('magic-link')
  @HttpCode(HttpStatus.OK)
  @ApiUnauthorizedResponse({ description: 'unknown, already used or expired sign-in link' })
  redeem(@Body() dto: RedeemSignInLinkDto) {
    return this.links.redeem(dto.token);
  }
}

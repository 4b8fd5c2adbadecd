import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import type { StaffActor } from '#libs/domain';
import { CurrentActor, StaffOrHolderAuthGuard, type AuthenticatedHolder } from '../auth/index.js';
import type { Response } from 'express';
import { ConfirmEmailDto } from './dto/confirm-email.dto.js';
import { RegisterSubscriptionDto } from './dto/register-subscription.dto.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  /** 201 once the subscription is recorded; 202 if the workflow started but has not recorded it yet. */
  @Post()
  async register(@Body() dto: RegisterSubscriptionDto, @Res({ passthrough: true }) response: Response) {
    const { id, recorded } = await this.subscriptions.register(dto);
    response.status(recorded ? HttpStatus.CREATED : HttpStatus.ACCEPTED).location(`/v1/subscriptions/${id}`);
    return { id };
  }

  /** The landing of the emailed link posts its token here (contract §4.1). */
  @Post('email-confirmations')
  @HttpCode(HttpStatus.OK)
  confirmEmail(@Body() dto: ConfirmEmailDto) {
    return this.subscriptions.confirmEmail(dto.token);
  }

  @Get(':id')
  @UseGuards(StaffOrHolderAuthGuard)
  find(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @CurrentActor() viewer: StaffActor | AuthenticatedHolder) {
    return this.subscriptions.find(id, viewer);
  }
}

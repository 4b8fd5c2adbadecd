import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import type { StaffActor } from '#libs/domain';
import { CurrentActor, StaffOrHolderAuthGuard, type AuthenticatedHolder } from '../auth/index.js';
import type { Response } from 'express';
import { UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiTemporalUnavailable, ApiWorkflowProblems } from '../openapi/problem-decorators.js';
import { ConfirmEmailDto } from './dto/confirm-email.dto.js';
import { RegisterSubscriptionDto } from './dto/register-subscription.dto.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  /** 201 once the subscription is recorded; 202 if the workflow started but has not recorded it yet. */
  @Post()
  @ApiCreatedResponse({ description: 'recorded', headers: { Location: { description: '/v1/subscriptions/{id}', schema: { type: 'string' } } } })
  @ApiAcceptedResponse({ description: 'received, not recorded yet', headers: { Location: { description: '/v1/subscriptions/{id}', schema: { type: 'string' } } } })
  @ApiConflictResponse({ description: 'a cycle of this registration number is still open, or the request could not be recorded (the holder is told why by mail)' })
  @ApiTemporalUnavailable()
  async register(@Body() dto: RegisterSubscriptionDto, @Res({ passthrough: true }) response: Response) {
    const { id, recorded } = await this.subscriptions.register(dto);
    response.status(recorded ? HttpStatus.CREATED : HttpStatus.ACCEPTED).location(`/v1/subscriptions/${id}`);
    return { id };
  }

  /** The landing of the emailed link posts its token here (contract §4.1). */
  @Post('email-confirmations')
  @HttpCode(HttpStatus.OK)
  @ApiNotFoundResponse({ description: 'unknown or expired link' })
  @ApiWorkflowProblems()
  confirmEmail(@Body() dto: ConfirmEmailDto) {
    return this.subscriptions.confirmEmail(dto.token);
  }

  @Get(':id')
  @UseGuards(StaffOrHolderAuthGuard)
  @ApiNotFoundResponse({ description: 'no subscription with this id' })
  find(@Param('id', new UuidParameterPipe()) id: string, @CurrentActor() viewer: StaffActor | AuthenticatedHolder) {
    return this.subscriptions.find(id, viewer);
  }
}

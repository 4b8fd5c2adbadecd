import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { StaffActor } from '#libs/domain';
import { Audited, addAuditDetails } from '../audit/index.js';
import { CurrentStaff, Roles } from '../auth/index.js';
import { UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiTemporalUnavailable } from '../openapi/problem-decorators.js';
import { BulkRevocationsService } from './bulk-revocations.service.js';
import { BulkRevocationDto } from './dto/bulk-revocation.dto.js';

const uuid = new UuidParameterPipe();
const unknownDecision = ApiNotFoundResponse({ description: 'no bulk revocation with this id' });

/** CSOEC bulk revocations: ordered by one officer, run once a second, different officer approves. */
@Controller('v1/admin/bulk-revocations')
export class BulkRevocationsController {
  constructor(@Inject(BulkRevocationsService) private readonly bulk: BulkRevocationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('csoec-officer')
  @Audited('bulk-revocation.order', { subjectParam: 'none' })
  @ApiTemporalUnavailable()
  order(@Body() dto: BulkRevocationDto, @CurrentStaff() officer: StaffActor, @Req() request: Request) {
    addAuditDetails(request, { decisionReference: dto.decisionReference, reason: dto.reason, count: dto.registrationNumbers.length });
    return this.bulk.order(dto, officer);
  }

  /** The latest decisions, newest first, so that a second officer finds those awaiting approval. */
  @Get()
  @Roles('csoec-officer', 'ca-officer', 'auditor')
  @ApiTemporalUnavailable()
  list(@CurrentStaff() viewer: StaffActor) {
    return this.bulk.list(viewer);
  }

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('csoec-officer')
  @Audited('bulk-revocation.approve')
  @unknownDecision
  @ApiConflictResponse({ description: 'refused: the officer who ordered it cannot approve it, or it has already run' })
  @ApiTemporalUnavailable()
  approve(@Param('id', uuid) id: string, @CurrentStaff() officer: StaffActor) {
    return this.bulk.approve(id, officer);
  }

  @Get(':id')
  @Roles('csoec-officer', 'ca-officer', 'auditor')
  @unknownDecision
  @ApiTemporalUnavailable()
  report(@Param('id', uuid) id: string, @CurrentStaff() viewer: StaffActor) {
    return this.bulk.report(id, viewer);
  }
}

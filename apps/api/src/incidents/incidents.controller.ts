import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiNotFoundResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { StaffActor } from '#libs/domain';
import { Audited, addAuditDetails } from '../audit/index.js';
import { CurrentStaff, Roles } from '../auth/index.js';
import { IntegerParameterPipe, UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiWorkflowProblems } from '../openapi/problem-decorators.js';
import { IncidentDecisionDto } from './dto/incident-decision.dto.js';
import { IncidentsService } from './incidents.service.js';

const uuid = new UuidParameterPipe();

/** The incidents queue (DESIGN.md, "Incidents"): what could not be completed, and staff's decisions on it. */
@Controller('v1/admin/incidents')
export class IncidentsController {
  constructor(@Inject(IncidentsService) private readonly incidents: IncidentsService) {}

  @Get()
  @Roles('ecma-operator', 'ca-officer', 'csoec-officer', 'auditor')
  @Audited('incident.list', { subjectParam: 'none' })
  list(@Query('cursor') cursor?: string, @Query('limit', new DefaultValuePipe(50), IntegerParameterPipe) limit = 50) {
    return this.incidents.open({ cursor, limit: Math.min(Math.max(limit, 1), 200) });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('ecma-operator', 'ca-officer')
  @Audited('incident.decide')
  @ApiNotFoundResponse({ description: 'no incident with this id' })
  @ApiWorkflowProblems()
  decide(@Param('id', uuid) id: string, @Body() dto: IncidentDecisionDto, @CurrentStaff() staff: StaffActor, @Req() request: Request) {
    addAuditDetails(request, { action: dto.action, ...(dto.corrections ? { corrected: Object.keys(dto.corrections) } : {}) });
    return this.incidents.decide(id, dto, staff);
  }
}

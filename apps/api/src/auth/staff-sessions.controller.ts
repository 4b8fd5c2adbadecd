import { Body, Controller, Delete, HttpCode, HttpStatus, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import type { StaffActor } from '#libs/domain';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { CurrentStaff } from './current-actor.decorators.js';
import { OpenStaffSessionDto } from './dto/open-staff-session.dto.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { SignInLockedException, StaffSessions } from './staff-sessions.service.js';

@Controller('v1/admin/sessions')
export class StaffSessionsController {
  constructor(@Inject(StaffSessions) private readonly sessions: StaffSessions) {}

  /** Sign-in: the only response that ever carries the token. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  async open(@Body() dto: OpenStaffSessionDto, @Res({ passthrough: true }) response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    try {
      const session = await this.sessions.open(dto.login, dto.password);
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), role: session.role, region: session.region };
    } catch (error) {
      if (error instanceof SignInLockedException) response.setHeader('Retry-After', String(Math.ceil(error.retryAfterSeconds)));
      throw error;
    }
  }

  /** Sign-out: the token stops working at once. */
  @Delete('current')
  @UseGuards(StaffAuthGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  async close(@Req() request: AuthenticatedRequest, @CurrentStaff() staff: StaffActor): Promise<void> {
    await this.sessions.close(request.sessionTokenHash!, staff);
  }
}

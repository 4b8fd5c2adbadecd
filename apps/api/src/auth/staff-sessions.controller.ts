import { Body, Controller, Delete, HttpCode, HttpStatus, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { StaffActor } from '#libs/domain';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { CurrentStaff } from './current-actor.decorators.js';
import { OpenStaffSessionDto } from './dto/open-staff-session.dto.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { SignInBackoffException, StaffSessions } from './staff-sessions.service.js';

@Controller('v1/admin/sessions')
export class StaffSessionsController {
  constructor(@Inject(StaffSessions) private readonly sessions: StaffSessions) {}

  /** Sign-in: the only response that ever carries the token. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiUnauthorizedResponse({ description: 'the login or the password is incorrect (or the account is disabled)' })
  @ApiTooManyRequestsResponse({ description: 'backing off after failed sign-ins on this login from this address, or over the rate limit; Retry-After' })
  async open(@Body() dto: OpenStaffSessionDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    try {
      const session = await this.sessions.open(dto.login, dto.password, signInClient(request.ip));
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), role: session.role, region: session.region };
    } catch (error) {
      if (error instanceof SignInBackoffException) response.setHeader('Retry-After', String(error.retryAfterSeconds));
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

/**
 * The client the back-off is keyed by: `request.ip`, which follows TRUST_PROXY (the TCP peer, or
 * the address a trusted proxy put in X-Forwarded-For). Behind a hop-count trust that header entry
 * can be any text; it then becomes a digest, so that no such text reaches the database or the
 * audit log, and one made-up value still backs off like an address.
 */
function signInClient(ip: string | undefined): string {
  if (ip && isIP(ip) && ip.length <= 64) return ip;
  return `unparsed-${createHash('sha256').update(ip ?? '').digest('hex').slice(0, 16)}`;
}

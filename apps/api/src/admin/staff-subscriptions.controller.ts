import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { recordHandOverUpdate, recordPaymentUpdate, reviewUpdate, revokeUpdate } from '#libs/contract';
import type { StaffActor } from '#libs/domain';
import { Audited, addAuditDetails } from '../audit/index.js';
import { CurrentStaff, Roles } from '../auth/index.js';
import { ACCEPTED_MEDIA_TYPES } from '../documents/document-type.js';
import { DocumentVault } from '../documents/document-vault.js';
import { idCopyDownload } from '../documents/id-copy-download.js';
import { UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiWorkflowProblems } from '../openapi/problem-decorators.js';
import { SubscriptionCommands } from '../subscriptions/subscription-commands.service.js';
import { HandOverDto } from './dto/hand-over.dto.js';
import { PaymentDto } from './dto/payment.dto.js';
import { RevocationDto } from './dto/revocation.dto.js';
import { ReviewDto } from './dto/review.dto.js';
import { StaffSubscriptionsService, assertRegion } from './staff-subscriptions.service.js';

const uuid = new UuidParameterPipe();
const unknownSubscription = ApiNotFoundResponse({ description: 'no subscription with this id' });
const otherRegion = ApiForbiddenResponse({ description: "not for this staff role, or a CROEC agent outside the subscription's region" });

/**
 * What staff do to a subscription. Each action is an Update to its workflow, which decides (409
 * with its reason when it refuses); each call is audited with the actor.
 */
@Controller('v1/admin')
export class StaffSubscriptionsController {
  constructor(
    @Inject(SubscriptionCommands) private readonly commands: SubscriptionCommands,
    @Inject(StaffSubscriptionsService) private readonly subscriptions: StaffSubscriptionsService,
    @Inject(DocumentVault) private readonly documents: DocumentVault,
  ) {}

  @Get('subscriptions')
  @Roles('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')
  @Audited('subscription.search', { subjectParam: 'none' })
  @ApiQuery({ name: 'q', required: true, schema: { type: 'string', minLength: 1 }, description: 'name, email, registration number or certificate serial: at least 2 UTF-16 code units once trimmed, else 400' })
  search(@Query('q') q: string | undefined, @CurrentStaff() viewer: StaffActor) {
    if (!q || q.trim().length < 2) {
      throw new BadRequestException({ title: 'invalid request', detail: 'q must have at least 2 characters', errors: [{ field: 'q', messages: ['q must have at least 2 characters'] }] });
    }
    return this.subscriptions.search(q, viewer);
  }

  @Get('subscriptions/:id')
  @Roles('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')
  @Audited('subscription.read')
  @unknownSubscription
  @otherRegion
  view(@Param('id', uuid) id: string, @CurrentStaff() viewer: StaffActor) {
    return this.subscriptions.view(id, viewer);
  }

  @Post('subscriptions/:id/review')
  @HttpCode(200)
  @Roles('ecma-operator')
  @Audited('review.decide')
  @unknownSubscription
  @ApiWorkflowProblems()
  review(@Param('id', uuid) id: string, @Body() dto: ReviewDto, @CurrentStaff() reviewer: StaffActor, @Req() request: Request) {
    addAuditDetails(request, { decision: dto.decision });
    return this.commands.execute(id, reviewUpdate, { decision: dto.decision, reason: dto.reason, reviewer });
  }

  @Post('subscriptions/:id/payment')
  @HttpCode(200)
  @Roles('ecma-operator')
  @Audited('payment.record')
  @unknownSubscription
  @ApiWorkflowProblems()
  payment(@Param('id', uuid) id: string, @Body() dto: PaymentDto, @CurrentStaff() recordedBy: StaffActor, @Req() request: Request) {
    addAuditDetails(request, { amountCents: dto.amountCents, reference: dto.reference });
    return this.commands.execute(id, recordPaymentUpdate, { amountCents: dto.amountCents, reference: dto.reference, recordedBy });
  }

  @Post('subscriptions/:id/delivery')
  @HttpCode(200)
  @Roles('croec-agent')
  @Audited('delivery.record')
  @unknownSubscription
  @otherRegion
  @ApiWorkflowProblems()
  async delivery(@Param('id', uuid) id: string, @Body() dto: HandOverDto, @CurrentStaff() agent: StaffActor, @Req() request: Request) {
    assertRegion(agent, await this.subscriptions.regionOf(id));
    addAuditDetails(request, { originalsChecked: dto.originalsChecked, documentsMatch: dto.documentsMatch });
    return this.commands.execute(id, recordHandOverUpdate, { agent, ...dto });
  }

  @Post('subscriptions/:id/revocation')
  @HttpCode(200)
  @Roles('csoec-officer', 'ca-officer', 'ecma-operator')
  @Audited('ca.revoke')
  @unknownSubscription
  @ApiWorkflowProblems()
  revoke(@Param('id', uuid) id: string, @Body() dto: RevocationDto, @CurrentStaff() requester: StaffActor, @Req() request: Request) {
    addAuditDetails(request, { reason: dto.reason, certificates: dto.certificates ?? 'both' });
    return this.commands.execute(id, revokeUpdate, {
      ground: dto.reason,
      requester,
      certificates: dto.certificates,
      invalidityDate: dto.invalidityDate,
      comment: dto.comment,
    });
  }

  /** The ID-document copy, to authorised staff only; every read is audited (contract §7.1). */
  @Get('documents/:id')
  @Roles('ecma-operator', 'croec-agent')
  @Audited('document.read')
  @ApiOkResponse({
    description: 'the copy as uploaded: inline in the media type its content decodes as, else an application/octet-stream attachment',
    content: Object.fromEntries([...ACCEPTED_MEDIA_TYPES, 'application/octet-stream'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiNotFoundResponse({ description: 'no document with this id (or its subscription is gone)' })
  @otherRegion
  async document(@Param('id', uuid) id: string, @CurrentStaff() viewer: StaffActor, @Res({ passthrough: true }) response: Response, @Req() request: Request) {
    const document = await this.documents.open(id);
    if (!document) throw new NotFoundException({ title: 'unknown document', detail: `No document ${id}` });
    assertRegion(viewer, await this.subscriptions.regionOf(document.subscriptionId));
    addAuditDetails(request, { subscriptionId: document.subscriptionId, sha256: document.sha256 });
    return idCopyDownload(document, response);
  }
}

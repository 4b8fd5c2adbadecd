import { BadRequestException, Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { reportChangeUpdate, requestRenewalUpdate, revokeUpdate } from '#libs/contract';
import type { HolderActor } from '#libs/domain';
import { SubscriptionProjection, type SubscriptionRecord } from '#libs/persistence';
import { CurrentHolder, HolderAuthGuard, type AuthenticatedHolder } from '../auth/index.js';
import { UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiWorkflowProblems } from '../openapi/problem-decorators.js';
import { HolderChangesDto, HolderRevocationRequestDto } from './dto/holder-requests.dto.js';
import { assertHolderOwns } from './holder-access.js';
import { SubscriptionCommands } from './subscription-commands.service.js';
import { SubscriptionsService } from './subscriptions.service.js';

const uuid = new UuidParameterPipe();

/**
 * What a signed-in holder asks of their own subscription (contract §9.1, §12.2, §13.1). A change or
 * a revocation answers with the holder's view of the subscription, as GET does (staff named by role
 * only), never with the workflow's own status (which names staff accounts).
 */
@Controller('v1/subscriptions')
@UseGuards(HolderAuthGuard)
@ApiWorkflowProblems()
export class HolderRequestsController {
  constructor(
    @Inject(SubscriptionCommands) private readonly commands: SubscriptionCommands,
    @Inject(SubscriptionProjection) private readonly projection: SubscriptionProjection,
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
  ) {}

  @Post(':id/revocation-requests')
  @HttpCode(200)
  async revoke(@Param('id', uuid) id: string, @Body() dto: HolderRevocationRequestDto, @CurrentHolder() holder: AuthenticatedHolder) {
    const subscription = await assertHolderOwns(this.projection, id, holder);
    await this.commands.execute(id, revokeUpdate, { ground: dto.reason, certificates: dto.certificates, requester: holderActor(subscription) });
    return this.subscriptions.find(id, holder);
  }

  @Post(':id/renewal')
  @HttpCode(201)
  async renew(@Param('id', uuid) id: string, @CurrentHolder() holder: AuthenticatedHolder) {
    const subscription = await assertHolderOwns(this.projection, id, holder);
    return this.commands.execute(id, requestRenewalUpdate, { requester: holderActor(subscription) });
  }

  @Post(':id/changes')
  @HttpCode(200)
  async reportChange(@Param('id', uuid) id: string, @Body() dto: HolderChangesDto, @CurrentHolder() holder: AuthenticatedHolder) {
    if (Object.keys(dto).length === 0) {
      throw new BadRequestException({ title: 'invalid request', detail: 'report at least one change', errors: [{ field: 'body', messages: ['no change reported'] }] });
    }
    const subscription = await assertHolderOwns(this.projection, id, holder);
    await this.commands.execute(id, reportChangeUpdate, { changes: dto, requester: holderActor(subscription) });
    return this.subscriptions.find(id, holder);
  }
}

/** The requester as the workflow records it: the holder of that cycle. */
function holderActor(subscription: SubscriptionRecord): HolderActor {
  return { kind: 'holder', registrationNumber: subscription.registrationNumber };
}

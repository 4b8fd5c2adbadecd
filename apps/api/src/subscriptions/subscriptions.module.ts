import { Module } from '@nestjs/common';
import { ConditionsController } from './conditions.controller.js';
import { HolderRequestsController } from './holder-requests.controller.js';
import { SubscriptionCommands } from './subscription-commands.service.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Module({
  controllers: [SubscriptionsController, HolderRequestsController, ConditionsController],
  providers: [SubscriptionsService, SubscriptionCommands],
  exports: [SubscriptionCommands],
})
export class SubscriptionsModule {}

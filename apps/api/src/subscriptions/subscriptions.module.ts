import { Module } from '@nestjs/common';
import { SubscriptionCommands } from './subscription-commands.service.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Module({
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService, SubscriptionCommands],
  exports: [SubscriptionCommands],
})
export class SubscriptionsModule {}

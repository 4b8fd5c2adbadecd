import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { BulkRevocationsController } from './bulk-revocations.controller.js';
import { BulkRevocationsService } from './bulk-revocations.service.js';
import { ConsoleSettingsController } from './console-settings.controller.js';
import { QueuesController } from './queues.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { QueuesService } from './queues.service.js';
import { StaffSubscriptionsController } from './staff-subscriptions.controller.js';
import { StaffSubscriptionsService } from './staff-subscriptions.service.js';

/** The staff administration (`/v1/admin`): queues, decisions, searches, documents, bulk revocations, console settings, staff directory. */
@Module({
  imports: [SubscriptionsModule, DocumentsModule],
  controllers: [QueuesController, StaffSubscriptionsController, BulkRevocationsController, ConsoleSettingsController, StaffDirectoryController],
  providers: [QueuesService, StaffSubscriptionsService, BulkRevocationsService],
})
export class AdminModule {}

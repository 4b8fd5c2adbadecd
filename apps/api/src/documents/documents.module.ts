import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '#libs/config';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { DocumentVault } from './document-vault.js';
import { DocumentsController } from './documents.controller.js';

@Module({
  imports: [SubscriptionsModule],
  controllers: [DocumentsController],
  providers: [
    {
      provide: DocumentVault,
      useFactory: (dataSource: DataSource, env: Environment) => {
        if (!env.DOCUMENT_KEY) throw new Error('DOCUMENT_KEY is required by the API');
        return new DocumentVault(dataSource, Buffer.from(env.DOCUMENT_KEY, 'base64'));
      },
      inject: [DataSource, Environment],
    },
  ],
  exports: [DocumentVault],
})
export class DocumentsModule {}

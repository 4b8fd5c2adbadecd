import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { submitDocumentsUpdate } from '#libs/contract';
import { SubscriptionProjection } from '#libs/persistence';
import { CurrentHolder, HolderAuthGuard, type AuthenticatedHolder } from '../auth/index.js';
import { assertHolderOwns } from '../subscriptions/holder-access.js';
import { SubscriptionCommands } from '../subscriptions/subscription-commands.service.js';
import { ACCEPTED_MEDIA_TYPES, sniffDocumentType } from './document-type.js';
import { DocumentVault } from './document-vault.js';

/** Contract §4.1: a copy of an official ID document, at most 10 MB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

interface UploadedDocument {
  buffer: Buffer;
  size: number;
}

@Controller('v1/subscriptions')
export class DocumentsController {
  constructor(
    @Inject(DocumentVault) private readonly vault: DocumentVault,
    @Inject(SubscriptionCommands) private readonly commands: SubscriptionCommands,
    @Inject(SubscriptionProjection) private readonly projection: SubscriptionProjection,
  ) {}

  /** Stores the copy encrypted, then hands its id (never its content) to the subscription's workflow. */
  @Post(':id/documents')
  @HttpCode(201)
  @UseGuards(HolderAuthGuard)
  @UseInterceptors(FileInterceptor('document', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } }))
  async upload(
    @Param('id', new ParseUUIDPipe({ version: '4' })) subscriptionId: string,
    @CurrentHolder() holder: AuthenticatedHolder,
    @UploadedFile() file?: UploadedDocument,
  ) {
    await assertHolderOwns(this.projection, subscriptionId, holder);
    if (!file?.buffer?.length) {
      throw new BadRequestException({
        title: 'invalid request',
        detail: 'document is required: a multipart field named "document"',
        errors: [{ field: 'document', messages: ['document is required'] }],
      });
    }
    const mediaType = sniffDocumentType(file.buffer);
    if (!mediaType) {
      throw new UnsupportedMediaTypeException({
        title: 'unsupported document',
        detail: `document must be one of ${ACCEPTED_MEDIA_TYPES.join(', ')} (checked by content)`,
        errors: [{ field: 'document', messages: [`must be one of ${ACCEPTED_MEDIA_TYPES.join(', ')}`] }],
      });
    }
    const stored = await this.vault.store(subscriptionId, mediaType, file.buffer);
    try {
      const status = await this.commands.execute(subscriptionId, submitDocumentsUpdate, { documentId: stored.id });
      return { documentId: stored.id, mediaType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, state: status.state };
    } catch (error) {
      await this.vault.discard(stored.id);
      throw error;
    }
  }
}

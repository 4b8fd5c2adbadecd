import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  Param,
  Post,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { submitDocumentsUpdate } from '#libs/contract';
import { SubscriptionProjection } from '#libs/persistence';
import { CurrentHolder, HolderAuthGuard, type AuthenticatedHolder } from '../auth/index.js';
import { UuidParameterPipe } from '../http/parameter-pipes.js';
import { ApiWorkflowProblems } from '../openapi/problem-decorators.js';
import { assertHolderOwns } from '../subscriptions/holder-access.js';
import { SubscriptionCommands } from '../subscriptions/subscription-commands.service.js';
import { DocumentVault } from './document-vault.js';
import { checkIdCopy } from './id-copy-check.js';

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
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: { type: 'object', required: ['document'], properties: { document: { type: 'string', format: 'binary', description: 'the ID copy: PDF, JPEG or PNG, at most 10 MB' } } },
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'the file is not a PDF, JPEG or PNG that decodes (checked by content)' })
  @ApiWorkflowProblems()
  @UseInterceptors(FileInterceptor('document', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } }))
  async upload(
    @Param('id', new UuidParameterPipe()) subscriptionId: string,
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
    // Decoded before anything is stored: a refused file leaves no trace but the 415.
    const verdict = await checkIdCopy(file.buffer);
    if (!verdict.accepted) {
      throw new UnsupportedMediaTypeException({
        title: 'unsupported document',
        detail: `document refused: ${verdict.reason}; it must be a PDF, JPEG or PNG that decodes (checked by content)`,
        errors: [{ field: 'document', messages: [verdict.reason] }],
      });
    }
    const { mediaType } = verdict;
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

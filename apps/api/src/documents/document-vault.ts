import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IdDocumentRecord } from '#libs/persistence';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface StoredDocument {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * ID-document copies encrypted at rest (AES-256-GCM, key DOCUMENT_KEY; contract §7.1: the
 * registration file is confidential). The subscription id is bound as additional authenticated
 * data, so a sealed copy moved to another subscription's row no longer opens.
 */
export class DocumentVault {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('DOCUMENT_KEY must be 32 bytes (AES-256)');
  }

  async store(subscriptionId: string, mediaType: string, content: Buffer): Promise<StoredDocument> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId));
    const sealed = Buffer.concat([iv, cipher.update(content), cipher.final(), cipher.getAuthTag()]);
    const record: IdDocumentRecord = {
      id: randomUUID(),
      subscriptionId,
      mediaType,
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      sealed,
      uploadedAt: new Date(),
    };
    await this.dataSource.getRepository(IdDocumentRecord).insert(record);
    return { id: record.id, mediaType, sizeBytes: record.sizeBytes, sha256: record.sha256 };
  }

  /** The plaintext, for authorised staff only (the caller audits the read). */
  async open(id: string): Promise<(StoredDocument & { subscriptionId: string; content: Buffer }) | undefined> {
    const record = await this.dataSource.getRepository(IdDocumentRecord).findOneBy({ id });
    if (!record) return undefined;
    const iv = record.sealed.subarray(0, IV_BYTES);
    const tag = record.sealed.subarray(record.sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(record.subscriptionId));
    decipher.setAuthTag(tag);
    const content = Buffer.concat([decipher.update(record.sealed.subarray(IV_BYTES, record.sealed.length - TAG_BYTES)), decipher.final()]);
    return { id: record.id, subscriptionId: record.subscriptionId, mediaType: record.mediaType, sizeBytes: record.sizeBytes, sha256: record.sha256, content };
  }

  /** Removes a copy whose submission the workflow refused: a rejected request changes nothing. */
  async discard(id: string): Promise<void> {
    await this.dataSource.getRepository(IdDocumentRecord).delete({ id });
  }
}

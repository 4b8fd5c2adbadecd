import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// @temporalio/proto is CommonJS: Node's ESM loader gives it only as a default export.
const { temporal } = proto;

const ENCODING = 'binary/signexpert-aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts every Temporal payload (workflow inputs, update arguments, activity results) with
 * AES-256-GCM before it leaves the process: holders' personal data never sits in clear in
 * Temporal's database or Web UI (DESIGN.md, "Data and secrets"). API and workers share the key.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the payload encryption key must be 32 bytes (AES-256)');
    this.key = key;
  }

  static fromBase64(key: string): EncryptionCodec {
    return new EncryptionCodec(Buffer.from(key, 'base64'));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: { [METADATA_ENCODING_KEY]: new TextEncoder().encode(ENCODING) },
      data: this.encrypt(temporal.api.common.v1.Payload.encode(payload).finish()),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || new TextDecoder().decode(encoding) !== ENCODING) return payload;
      if (!payload.data) throw new Error('encrypted payload without data');
      return temporal.api.common.v1.Payload.decode(this.decrypt(payload.data));
    });
  }

  private encrypt(plain: Uint8Array): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  private decrypt(sealed: Uint8Array): Uint8Array {
    const bytes = Buffer.from(sealed);
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  }
}

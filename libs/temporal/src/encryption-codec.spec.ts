import { describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec } from './encryption-codec.js';

describe('EncryptionCodec', () => {
  const codec = new EncryptionCodec(randomBytes(32));
  const payload = defaultPayloadConverter.toPayload({ surname: 'Durand', email: 'camille@example.fr' });

  it('hides the payload and gives it back intact', async () => {
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('Durand');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ surname: 'Durand', email: 'camille@example.fr' });
  });

  it('refuses a payload encrypted under another key, or tampered with', async () => {
    const [encoded] = await codec.encode([payload]);
    await expect(new EncryptionCodec(randomBytes(32)).decode([encoded])).rejects.toThrow();
    const tampered = Buffer.from(encoded.data!);
    tampered[20] ^= 1;
    await expect(codec.decode([{ ...encoded, data: tampered }])).rejects.toThrow();
  });

  it('passes through payloads it did not encrypt', async () => {
    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('wants a 32-byte key', () => {
    expect(() => new EncryptionCodec(randomBytes(16))).toThrow(/32 bytes/);
  });
});

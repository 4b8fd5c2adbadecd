import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec.js';

/** The data converter API and workers share: every payload encrypted under TEMPORAL_PAYLOAD_KEY. */
export function encryptingDataConverter(payloadKey: string): DataConverter {
  return { payloadCodecs: [EncryptionCodec.fromBase64(payloadKey)] };
}

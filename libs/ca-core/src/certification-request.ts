import { signatureSchemeFor } from './algorithms.js';
import { sequence } from './der.js';
import { signStructure } from './certificate-template.js';
import type { Signer } from './key-store.js';

/**
 * A PKCS#10 CertificationRequest (RFC 2986 §4) signed by `signer` — on the holder's token, so
 * the CA gets proof that the key lives there. Carries no attributes: the CA decides every
 * extension from the profile, not from the request.
 */
export async function createCertificationRequest(subject: Uint8Array, signer: Signer): Promise<Buffer> {
  const info = sequence(Buffer.of(0x02, 0x01, 0x00), subject, signer.publicKey, Buffer.of(0xa0, 0x00));
  return signStructure(info, signatureSchemeFor(signer.algorithm).algorithmIdentifier, signer);
}


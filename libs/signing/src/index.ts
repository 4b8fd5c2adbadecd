// Signing as the holder's signing software does (issue 6): CAdES-BES detached signatures with a
// key on the holder's token. The verifier is libs/verification.

export { type DetachedSignatureRequest, SignatureCreationError, createDetachedSignature } from './cades-signature.js';
export { AUTHENTICATION_KEY_REFUSAL, type HolderKey, SigningRefusedError, holderKey, holderSignatureKey } from './holder-signing-key.js';

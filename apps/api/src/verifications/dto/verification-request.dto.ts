import { IsBase64, IsOptional, IsString, MaxLength } from 'class-validator';

/** JSON bodies stay small (the API's JSON limit is 100 kB); larger documents go as multipart files. */
const MAX_BASE64_CHARACTERS = 140_000;

/**
 * POST /v1/verifications as JSON: the CMS signature (DER) and, for a detached signature, the
 * document, both in base64. As multipart/form-data the same two names are file fields.
 */
export class VerificationRequestDto {
  @IsOptional()
  @IsString()
  @IsBase64(undefined, { message: 'signature must be the DER CMS signature in base64' })
  @MaxLength(MAX_BASE64_CHARACTERS, { message: `signature must be at most ${MAX_BASE64_CHARACTERS} base64 characters (send larger files as multipart)` })
  signature?: string;

  @IsOptional()
  @IsString()
  @IsBase64(undefined, { message: 'document must be the signed document in base64' })
  @MaxLength(MAX_BASE64_CHARACTERS, { message: `document must be at most ${MAX_BASE64_CHARACTERS} base64 characters (send larger files as multipart)` })
  document?: string;
}

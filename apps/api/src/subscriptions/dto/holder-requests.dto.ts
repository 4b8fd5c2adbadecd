import { Transform } from 'class-transformer';
import { IsAscii, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { CertificateProfileName, RevocationGround } from '#libs/domain';
import { IsCertificateProfileList } from '../../http/certificate-profile-list.js';
import { IsCleanText } from '../../http/text-policy.js';

/** The grounds a holder may give (contract §9.1); authority decisions are staff's. */
export const HOLDER_REVOCATION_GROUNDS = [
  'key-compromise',
  'activation-code-compromised',
  'activation-code-lost',
  'information-inaccurate',
  'holder-request',
] as const satisfies readonly RevocationGround[];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class HolderRevocationRequestDto {
  @IsIn(HOLDER_REVOCATION_GROUNDS, { message: `reason must be one of ${HOLDER_REVOCATION_GROUNDS.join(', ')}` })
  reason!: (typeof HOLDER_REVOCATION_GROUNDS)[number];

  @IsCertificateProfileList()
  certificates?: CertificateProfileName[];
}

/** Changes the holder reports (contract §12.2); absent fields are unchanged. */
export class HolderChangesDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsCleanText()
  givenName?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsCleanText()
  surname?: string;

  @IsOptional()
  @Transform(trim)
  @IsEmail({ allow_utf8_local_part: false }, { message: 'email must be a valid email address' })
  @IsAscii({ message: 'email must be an ASCII address: it is written in the certificates (RFC 5280 rfc822Name)' })
  @MaxLength(254)
  @IsCleanText()
  email?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^[0-9A-Z-]{4,32}$/, { message: 'registrationNumber must be 4 to 32 digits, capitals or dashes' })
  registrationNumber?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  firm?: string;
}

import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { IsCleanText } from '../../http/text-policy.js';

/** The address a holder registered with: a sign-in link goes there, and only there. */
export class RequestSignInLinkDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  @IsCleanText()
  email!: string;
}

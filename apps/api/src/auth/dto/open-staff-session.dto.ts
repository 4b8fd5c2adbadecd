import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCleanText } from '../../http/text-policy.js';
import { PASSWORD_MAX_LENGTH } from '../passwords.js';

export class OpenStaffSessionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @IsCleanText()
  login!: string;

  /**
   * Any length the policy ever allowed, and no more: argon2 never works on a huge string someone sent
   * (the 400 names the field, never its value). Text no field may hold (NUL…) is refused before
   * this by the global TextPolicyPipe, also as a 400 naming the field.
   */
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

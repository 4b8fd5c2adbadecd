import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCleanText } from '../../http/text-policy.js';

export class OpenStaffSessionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @IsCleanText()
  login!: string;

  /** Any length the policy ever allowed; a wrong one is a 401 like any wrong password. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

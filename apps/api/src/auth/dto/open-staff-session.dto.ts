import { IsString, MaxLength, MinLength } from 'class-validator';

export class OpenStaffSessionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  login!: string;

  /** Any length the policy ever allowed; a wrong one is a 401 like any wrong password. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX } from '#libs/audit';
import { IsCleanText } from '../../http/text-policy.js';

/** GET /v1/admin/audit: exact-match filters, newest first, `cursor` = the previous page's nextCursor. */
export class AuditQueryDto {
  @IsOptional()
  // At most 18 digits: below 2^63 (PostgreSQL bigint), so that no cursor reaches the query out of range.
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be an entry id' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsCleanText()
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  subject?: string;
}

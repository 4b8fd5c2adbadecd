import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { ReviewDecision } from '#libs/contract';
import { IsCleanText } from '../../http/text-policy.js';

export class ReviewDto {
  @IsIn(['approve', 'reject', 'request-information'], { message: 'decision must be approve, reject or request-information' })
  decision!: ReviewDecision;

  /** Required to reject or to ask for information: the holder reads it (contract §5). */
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  @IsCleanText('multiline')
  reason?: string;
}

import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** A payment received for the subscription (contract §12.1). */
export class PaymentDto {
  @IsInt({ message: 'amountCents must be an integer number of cents' })
  @Min(1)
  @Max(10_000_000)
  amountCents!: number;

  @IsString()
  @Matches(/^[\w./-]{3,64}$/, { message: 'reference must be 3 to 64 letters, digits or ._/-' })
  reference!: string;
}

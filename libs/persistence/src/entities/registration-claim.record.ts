import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one cycle in progress for a registration number (the Ordre's roll is public: whoever knows
 * a number could otherwise open cycles in its name). The primary key is the rule, enforced by
 * PostgreSQL: of registrations racing for one number, one insert wins. Taken by the workflow's
 * first activity (single-writer rule), passed from a cycle to its renewal, released by the
 * projection when the cycle's terminal transition is recorded (SubscriptionProjection).
 */
@Entity({ name: 'registration_claims' })
export class RegistrationClaimRecord {
  @PrimaryColumn({ name: 'registration_number', type: 'varchar', length: 32 })
  registrationNumber!: string;

  @Column({ name: 'subscription_id', type: 'uuid', unique: true })
  subscriptionId!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;
}

import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { HolderRegistration, SubscriptionState } from '#libs/domain';

/** The workflow type the API starts (its function name in workflows/). */
export const SUBSCRIPTION_WORKFLOW_TYPE = 'subscriptionWorkflow';

export interface SubscriptionWorkflowInput {
  subscriptionId: string;
  registration: HolderRegistration;
}

export interface TimelineStep {
  state: SubscriptionState;
  at: string;
}

export interface SubscriptionStatus {
  subscriptionId: string;
  state: SubscriptionState;
  timeline: TimelineStep[];
}

/** Current state and timeline, straight from the workflow (contract §4.2). */
export const statusQuery = defineQuery<SubscriptionStatus>('status');

/**
 * Completes once the registration is projected into PostgreSQL, so that the API can answer
 * 201 knowing that a read of the subscription will find it.
 */
export const registrationRecordedUpdate = defineUpdate<SubscriptionStatus>('registrationRecorded');

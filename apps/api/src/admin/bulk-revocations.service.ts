import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { Environment } from '#libs/config';
import {
  BULK_REVOCATION_WORKFLOW_TYPE,
  approveBulkRevocationUpdate,
  bulkRevocationReportQuery,
  bulkRevocationWorkflowId,
  type BulkRevocationReport,
} from '#libs/contract';
import type { StaffActor } from '#libs/domain';
import type { BulkRevocationDto } from './dto/bulk-revocation.dto.js';

/** CSOEC bulk revocations: one workflow each, run only once a second officer approves (4-eyes). */
@Injectable()
export class BulkRevocationsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(Environment) private readonly env: Environment,
  ) {}

  async order(dto: BulkRevocationDto, orderedBy: StaffActor): Promise<{ id: string }> {
    const id = randomUUID();
    await this.temporal.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
      workflowId: bulkRevocationWorkflowId(id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ bulkRevocationId: id, registrationNumbers: dto.registrationNumbers, ground: dto.reason, decisionReference: dto.decisionReference, orderedBy }],
    });
    return { id };
  }

  async approve(id: string, officer: StaffActor): Promise<BulkRevocationReport> {
    try {
      return await this.handle(id).executeUpdate(approveBulkRevocationUpdate, { args: [{ officer }] });
    } catch (error) {
      throw this.toHttpError(id, error);
    }
  }

  async report(id: string): Promise<BulkRevocationReport> {
    try {
      return await this.handle(id).query(bulkRevocationReportQuery);
    } catch (error) {
      throw this.toHttpError(id, error);
    }
  }

  private handle(id: string) {
    return this.temporal.workflow.getHandle(bulkRevocationWorkflowId(id));
  }

  private toHttpError(id: string, error: unknown): Error {
    if (error instanceof WorkflowUpdateFailedError) return new ConflictException({ title: 'refused', detail: error.cause?.message ?? error.message });
    if (error instanceof WorkflowNotFoundError) return new NotFoundException({ title: 'unknown bulk revocation', detail: `No bulk revocation ${id}` });
    if (/already completed/.test(String((error as Error)?.message))) return new ConflictException({ title: 'refused', detail: 'this bulk revocation has already run' });
    return error as Error;
  }
}

import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError, type WorkflowExecutionInfo } from '@temporalio/client';
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
import { TERMINAL_STATES, describeActor, type RevocationGround, type StaffActor } from '#libs/domain';
import { DataSource } from 'typeorm';
import type { BulkRevocationDto } from './dto/bulk-revocation.dto.js';

/**
 * Facts fixed when the decision is ordered, kept in the workflow's memo (encrypted like every
 * payload) so a listing shows them without replaying anything: the report itself has no ground.
 */
interface BulkRevocationMemo {
  reason: RevocationGround;
  count: number;
}

/**
 * What a reader sees of a bulk revocation: the workflow's report, the ground, when it was ordered,
 * and whether this viewer is the officer who ordered it or may approve it (4-eyes, said by the
 * server so that the console never offers an approval the workflow would refuse).
 */
export interface BulkRevocationView extends BulkRevocationReport {
  reason: RevocationGround | null;
  orderedAt: string;
  orderedByYou: boolean;
  mayApprove: boolean;
}

/** One line of the list: the view without the per-holder items (a decision may name 10,000 holders). */
export type BulkRevocationSummary = Omit<BulkRevocationView, 'items' | 'state'> & {
  /** INTERRUPTED: the workflow was stopped by an operator before its end (terminated, failed, timed out). */
  state: BulkRevocationReport['state'] | 'INTERRUPTED';
  registrationCount: number;
};

/** The answer to an order: its id, and what its numbers are when ordered (unknown ones named). */
export interface BulkRevocationOrder {
  id: string;
  registrationNumbers: { total: number; inProgress: number; withoutCycleInProgress: number; notFound: string[] };
}

/** How many decisions the list shows, newest first: enough for the officers' follow-up. */
export const BULK_REVOCATION_LIST_LIMIT = 50;

/** CSOEC bulk revocations: one workflow each, run only once a second officer approves (4-eyes). */
@Injectable()
export class BulkRevocationsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(Environment) private readonly env: Environment,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /**
   * Starts the decision's workflow, awaiting approval, with its numbers resolved now: those under
   * which no subscription exists are reported at once (`notFound`), before anyone approves.
   */
  async order(dto: BulkRevocationDto, orderedBy: StaffActor): Promise<BulkRevocationOrder> {
    const id = randomUUID();
    const memo: BulkRevocationMemo = { reason: dto.reason, count: dto.registrationNumbers.length };
    const { inProgress, notFound } = await this.resolve(dto.registrationNumbers);
    await this.temporal.workflow.start(BULK_REVOCATION_WORKFLOW_TYPE, {
      workflowId: bulkRevocationWorkflowId(id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      memo: { ...memo },
      args: [{ bulkRevocationId: id, registrationNumbers: dto.registrationNumbers, ground: dto.reason, decisionReference: dto.decisionReference, orderedBy, notFound }],
    });
    return { id, registrationNumbers: { total: dto.registrationNumbers.length, inProgress, withoutCycleInProgress: dto.registrationNumbers.length - inProgress - notFound.length, notFound } };
  }

  /** How many numbers have a cycle in progress, and which have no subscription at all. */
  private async resolve(registrationNumbers: string[]): Promise<{ inProgress: number; notFound: string[] }> {
    const rows = (await this.dataSource.query(
      `SELECT registration_number, bool_or(state <> ALL($2::varchar[])) AS in_progress FROM subscriptions WHERE registration_number = ANY($1::varchar[]) GROUP BY registration_number`,
      [registrationNumbers, [...TERMINAL_STATES]],
    )) as { registration_number: string; in_progress: boolean }[];
    const known = new Set(rows.map((r) => r.registration_number));
    return { inProgress: rows.filter((r) => r.in_progress).length, notFound: registrationNumbers.filter((n) => !known.has(n)) };
  }

  async approve(id: string, officer: StaffActor): Promise<BulkRevocationReport> {
    try {
      return await this.handle(id).executeUpdate(approveBulkRevocationUpdate, { args: [{ officer }] });
    } catch (error) {
      throw this.toHttpError(id, error);
    }
  }

  async report(id: string, viewer: StaffActor): Promise<BulkRevocationView> {
    try {
      const handle = this.handle(id);
      const [execution, report] = await Promise.all([handle.describe(), handle.query(bulkRevocationReportQuery)]);
      return viewOf(report, execution, viewer);
    } catch (error) {
      throw this.toHttpError(id, error);
    }
  }

  /**
   * The decisions of this deployment (its task queue), newest first, from Temporal's visibility
   * store: the workflows are the only record of them. A running one answers the report query; a
   * finished one's report is its result (read from the close event, no replay).
   */
  async list(viewer: StaffActor): Promise<{ items: BulkRevocationSummary[] }> {
    const executions: WorkflowExecutionInfo[] = [];
    const query = `WorkflowType = '${BULK_REVOCATION_WORKFLOW_TYPE}' AND TaskQueue = '${this.env.TEMPORAL_TASK_QUEUE.replace(/'/g, "''")}'`;
    for await (const execution of this.temporal.workflow.list({ query, pageSize: 100 })) executions.push(execution);
    executions.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
    const items = await Promise.all(executions.slice(0, BULK_REVOCATION_LIST_LIMIT).map((execution) => this.summaryOf(execution, viewer)));
    return { items: items.filter((item): item is BulkRevocationSummary => item !== undefined) };
  }

  private async summaryOf(execution: WorkflowExecutionInfo, viewer: StaffActor): Promise<BulkRevocationSummary | undefined> {
    const handle = this.temporal.workflow.getHandle(execution.workflowId, execution.runId);
    const status = execution.status.name;
    let report: BulkRevocationReport;
    try {
      report = status === 'COMPLETED' ? await handle.result() : await handle.query(bulkRevocationReportQuery);
    } catch {
      return undefined; // gone from the history (retention) or unreadable: nothing to show
    }
    const { items, ...view } = viewOf(report, execution, viewer);
    const stopped = status !== 'RUNNING' && status !== 'COMPLETED';
    return { ...view, state: stopped ? 'INTERRUPTED' : view.state, mayApprove: stopped ? false : view.mayApprove, registrationCount: items.length };
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

/** The 4-eyes rule as the workflow's validator applies it: a csoec-officer other than the one who ordered. */
function viewOf(report: BulkRevocationReport, execution: Pick<WorkflowExecutionInfo, 'memo' | 'startTime'>, viewer: StaffActor): BulkRevocationView {
  const memo = (execution.memo ?? {}) as Partial<BulkRevocationMemo>;
  const orderedByYou = report.orderedBy === describeActor(viewer);
  return {
    ...report,
    reason: memo.reason ?? null,
    orderedAt: execution.startTime.toISOString(),
    orderedByYou,
    mayApprove: report.state === 'AWAITING_APPROVAL' && viewer.role === 'csoec-officer' && !orderedByYou,
  };
}

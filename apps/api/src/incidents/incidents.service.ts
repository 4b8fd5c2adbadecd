import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { IncidentDecisionOutcome, IncidentItem, IncidentPage } from '#libs/api-views';
import { Environment } from '#libs/config';
import { CRL_PUBLISHER_WORKFLOW_TYPE, crlPublisherWorkflowId, publishCrlSignal, resolveIncidentUpdate } from '#libs/contract';
import { isRegionCode, type StaffActor } from '#libs/domain';
import { IncidentRecord, SubscriptionRecord } from '#libs/persistence';
import { SubscriptionCommands } from '../subscriptions/subscription-commands.service.js';
import type { IncidentDecisionDto } from './dto/incident-decision.dto.js';

/**
 * The incidents queue and staff's decisions. A subscription's incident is decided by an Update to
 * its workflow (single-writer rule: the workflow closes the incident and carries the decision
 * out); a CRL incident is retried by asking the region's publisher for a CRL, and closes itself
 * when one is published.
 */
@Injectable()
export class IncidentsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SubscriptionCommands) private readonly commands: SubscriptionCommands,
    @Inject(Client) private readonly temporal: Client,
    @Inject(Environment) private readonly env: Environment,
  ) {}

  async open(options: { cursor?: string; limit: number }): Promise<IncidentPage> {
    const query = this.dataSource
      .getRepository(IncidentRecord)
      .createQueryBuilder('i')
      .leftJoinAndMapOne('i.subscription', SubscriptionRecord, 's', 's.id = i.subscription_id')
      .where('i.resolved_at IS NULL')
      .orderBy('i.opened_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(options.limit + 1);
    if (options.cursor) {
      const [openedAt, id] = decodeCursor(options.cursor);
      query.andWhere('(i.opened_at, i.id) > (:openedAt, :id)', { openedAt: new Date(openedAt), id });
    }
    const rows = (await query.getMany()) as (IncidentRecord & { subscription?: SubscriptionRecord | null })[];
    const items = rows.slice(0, options.limit).map(toItem);
    const last = rows.length > options.limit ? rows[options.limit - 1] : undefined;
    return last ? { items, nextCursor: Buffer.from(JSON.stringify([last.openedAt.toISOString(), last.id])).toString('base64url') } : { items };
  }

  async decide(id: string, dto: IncidentDecisionDto, staff: StaffActor): Promise<IncidentDecisionOutcome> {
    const incident = await this.dataSource.getRepository(IncidentRecord).findOneBy({ id });
    if (!incident) throw new NotFoundException({ title: 'unknown incident', detail: `No incident ${id}` });
    if (incident.resolvedAt) throw new ConflictException({ title: 'incident closed', detail: `incident ${id} was closed (${incident.resolution}) on ${incident.resolvedAt.toISOString()}` });
    if (incident.kind === 'crl') return this.retryCrl(incident, dto);
    const outcome = await this.commands.execute(incident.subscriptionId!, resolveIncidentUpdate, {
      incidentId: id,
      action: dto.action,
      ...(dto.corrections ? { corrections: { ...dto.corrections } } : {}),
      ...(dto.comment ? { comment: dto.comment } : {}),
      staff,
    });
    return { incidentId: id, state: outcome.state, ...(outcome.incident ? { incident: outcome.incident } : {}) };
  }

  private async retryCrl(incident: IncidentRecord, dto: IncidentDecisionDto): Promise<IncidentDecisionOutcome> {
    if (dto.action !== 'retry' || !isRegionCode(incident.region)) {
      throw new ConflictException({ title: 'refused', detail: 'a CRL publication can only be retried' });
    }
    await this.temporal.workflow.signalWithStart(CRL_PUBLISHER_WORKFLOW_TYPE, {
      workflowId: crlPublisherWorkflowId(incident.region, this.env.TEMPORAL_TASK_QUEUE),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ region: incident.region }],
      signal: publishCrlSignal,
      signalArgs: [],
    });
    return { incidentId: incident.id, publicationRequested: true };
  }
}

function toItem(row: IncidentRecord & { subscription?: SubscriptionRecord | null }): IncidentItem {
  const s = row.subscription;
  return {
    id: row.id,
    kind: row.kind,
    subscriptionId: row.subscriptionId,
    region: row.region,
    step: row.step,
    error: { type: row.errorType, message: row.errorMessage, retryable: row.retryable },
    actions: row.actions,
    openedAt: row.openedAt.toISOString(),
    lastFailedAt: row.lastFailedAt.toISOString(),
    occurrences: row.occurrences,
    holder: s ? { givenName: s.givenName, surname: s.surname, registrationNumber: s.registrationNumber, state: s.state } : null,
  };
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (Number.isNaN(Date.parse(openedAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return [openedAt, id];
  } catch {
    throw new BadRequestException({ title: 'invalid request', detail: 'cursor is not one this API gave', errors: [{ field: 'cursor', messages: ['cursor is not valid'] }] });
  }
}

import { Controller, DefaultValuePipe, Get, Inject, Param, Query } from '@nestjs/common';
import { QUEUES, type QueueName } from '#libs/api-views';
import type { StaffActor } from '#libs/domain';
import { Audited } from '../audit/index.js';
import { CurrentStaff, Roles } from '../auth/index.js';
import { EnumParameterPipe, IntegerParameterPipe } from '../http/parameter-pipes.js';
import { QueuesService } from './queues.service.js';

/** The staff work queues (oldest first), from the PostgreSQL projection. */
@Controller('v1/admin/queues')
export class QueuesController {
  constructor(@Inject(QueuesService) private readonly queues: QueuesService) {}

  @Get(':queue')
  @Roles('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer')
  @Audited('queue.read', { subjectParam: 'queue' })
  page(
    @Param('queue', new EnumParameterPipe(Object.fromEntries(QUEUES.map((q) => [q, q])))) queue: QueueName,
    @CurrentStaff() viewer: StaffActor,
    @Query('cursor') cursor?: string,
    @Query('limit', new DefaultValuePipe(50), IntegerParameterPipe) limit = 50,
  ) {
    return this.queues.page(queue, viewer, { cursor, limit: Math.min(Math.max(limit, 1), 200) });
  }
}

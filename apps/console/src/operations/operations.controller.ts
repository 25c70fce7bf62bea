import { Controller, Get, Header, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { KNOWN_CONSUMERS } from '@ledgerhook/contracts';
import { executeRedrive, inventoryGroups, readDeadLetters } from '@ledgerhook/operations';
import type { Request, Response } from 'express';
import { RequireRole } from '../auth/console-route.decorators';
import { sessionOf } from '../auth/console-session.guard';
import { PageRenderer } from '../views/page-renderer';
import { AUDIT_VIEW, OPERATIONS_VIEW } from '../views/operations.view';
import { readAuditLog } from './audit-log.reader';
import { ConsoleKafka } from './console-kafka';

const AUDIT_RECORDS_SHOWN = 200;

/** Consumer groups with lag, dead letters with redrive, the audit log. */
@Controller('operations')
export class OperationsController {
  constructor(
    @Inject(ConsoleKafka) private readonly kafka: ConsoleKafka,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async overview(@Req() req: Request, @Query('notice') notice?: string): Promise<string> {
    const session = sessionOf(req);
    const { kafka, admin } = this.kafka;
    const [groups, dlqs] = await Promise.all([
      inventoryGroups(admin),
      Promise.all(
        KNOWN_CONSUMERS.map(async (consumer) => ({
          consumer,
          count: (await readDeadLetters(kafka, admin, consumer).catch(() => [])).length,
        })),
      ),
    ]);
    return this.pages.render(
      'Operations',
      OPERATIONS_VIEW,
      {
        groups,
        dlqs,
        canAct: session.role === 'operator',
        notice: typeof notice === 'string' ? notice : undefined,
        lagChart: {
          title: 'Lag per consumer group',
          labels: groups.map((group) => group.groupId),
          datasets: [{ label: 'lag', data: groups.map((group) => Number(group.totalLag)) }],
        },
        dlqChart: {
          title: 'Open dead letters',
          labels: dlqs.map((dlq) => dlq.consumer),
          datasets: [{ label: 'dead letters', data: dlqs.map((dlq) => dlq.count) }],
        },
      },
      session,
    );
  }

  /** The same redrive as `ledgerhook dlq redrive <consumer> --execute`: audited, as the operator. */
  @Post('dlq/:consumer/redrive')
  @RequireRole('operator')
  async redrive(@Param('consumer') consumer: string, @Req() req: Request, @Res() res: Response) {
    const session = sessionOf(req);
    const { kafka, admin } = this.kafka;
    const audit = await this.kafka.audit(session.username);
    const { operationId, value } = await executeRedrive(kafka, admin, audit, { consumer });
    const notice = `redriven (audit operation ${operationId}): ${value.letters.length} dead letter(s) sent to ${value.to}`;
    res.redirect(303, `/operations?notice=${encodeURIComponent(notice)}`);
  }

  @Get('audit')
  @Header('content-type', 'text/html; charset=utf-8')
  async auditLog(@Req() req: Request): Promise<string> {
    const records = await readAuditLog(this.kafka.kafka, this.kafka.admin, AUDIT_RECORDS_SHOWN);
    return this.pages.render('Audit log', AUDIT_VIEW, { records }, sessionOf(req));
  }
}

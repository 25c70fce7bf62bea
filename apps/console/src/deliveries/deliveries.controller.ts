import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { rawTopicName } from '@ledgerhook/contracts';
import { runAudited } from '@ledgerhook/operations';
import type { Request } from 'express';
import { sessionOf } from '../auth/console-session.guard';
import { ConsoleKafka } from '../operations/console-kafka';
import { PageRenderer } from '../views/page-renderer';
import { DELIVERIES_VIEW, DELIVERY_VIEW } from '../views/deliveries.view';
import {
  deliveryAt,
  type DeliveryRow,
  headersOf,
  isProvider,
  maskedBody,
  PROVIDERS,
  type Provider,
  recentDeliveries,
  revealedBody,
} from './raw-events.reader';

const PER_PARTITION = 20;

/** Deliveries per minute, for the chart above the list. */
function perMinute(rows: readonly DeliveryRow[]) {
  const counts = new Map<string, number>();
  for (const row of [...rows].reverse()) {
    const minute = row.time.slice(0, 16);
    counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  return {
    type: 'line',
    title: 'Deliveries per minute',
    labels: [...counts.keys()],
    datasets: [{ label: 'events', data: [...counts.values()] }],
  };
}

function position(provider: string, partition: string, offset: string) {
  if (!isProvider(provider)) throw new NotFoundException(`no provider ${provider}`);
  if (!/^\d{1,6}$/.test(partition) || !/^\d{1,19}$/.test(offset))
    throw new BadRequestException('partition and offset are numbers');
  return { provider, partition: Number(partition), offset: BigInt(offset) };
}

/** Raw events per provider, read from the topics themselves; bodies masked unless revealed. */
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    @Inject(ConsoleKafka) private readonly kafka: ConsoleKafka,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async list(
    @Req() req: Request,
    @Query('provider') providerParam?: unknown,
    @Query('type') typeParam?: unknown,
  ): Promise<string> {
    const provider: Provider = isProvider(providerParam) ? providerParam : 'credfin';
    const type = typeof typeParam === 'string' ? typeParam : '';
    const rows = await recentDeliveries(this.kafka.kafka, this.kafka.admin, provider, PER_PARTITION);
    const events = type ? rows.filter((row) => row.type.includes(type)) : rows;
    return this.pages.render(
      'Deliveries',
      DELIVERIES_VIEW,
      {
        providers: PROVIDERS,
        provider,
        type,
        events,
        topic: rawTopicName(provider),
        chart: perMinute(events),
      },
      sessionOf(req),
    );
  }

  @Get(':provider/:partition/:offset')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async detail(
    @Req() req: Request,
    @Param('provider') provider: string,
    @Param('partition') partition: string,
    @Param('offset') offset: string,
  ): Promise<string> {
    return this.page(req, position(provider, partition, offset), false);
  }

  /** The body unmasked, for this answer only; recorded on ops.audit.v1 first (no record, no reveal). */
  @Post(':provider/:partition/:offset/reveal')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async reveal(
    @Req() req: Request,
    @Param('provider') provider: string,
    @Param('partition') partition: string,
    @Param('offset') offset: string,
  ): Promise<string> {
    const at = position(provider, partition, offset);
    const audit = await this.kafka.audit(sessionOf(req).username);
    const { value } = await runAudited(
      audit,
      'console.reveal',
      { topic: rawTopicName(at.provider), partition: at.partition, offset: at.offset.toString() },
      () => this.page(req, at, true),
      () => ({ revealed: 'body' }),
    );
    return value;
  }

  private async page(req: Request, at: ReturnType<typeof position>, revealed: boolean): Promise<string> {
    const record = await deliveryAt(this.kafka.kafka, this.kafka.admin, at.provider, at.partition, at.offset);
    if (!record) throw new NotFoundException(`no event at ${at.partition}/${at.offset} of ${at.provider}`);
    return this.pages.render(
      `Delivery ${at.provider} ${at.partition}/${at.offset}`,
      DELIVERY_VIEW,
      {
        provider: at.provider,
        partition: at.partition,
        offset: at.offset.toString(),
        headers: headersOf(record),
        body: revealed ? revealedBody(record) : maskedBody(record),
        revealed,
      },
      sessionOf(req),
    );
  }
}

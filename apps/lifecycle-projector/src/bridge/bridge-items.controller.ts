import { Controller, Get, Inject, Param } from '@nestjs/common';
import { badParameter, notFound } from '../http-errors';
import { BridgeItemsQuery } from './bridge-items.query';

const ITEM_ID = /^\d{1,18}$/;

@Controller('bridge/items')
export class BridgeItemsController {
  constructor(@Inject(BridgeItemsQuery) private readonly query: BridgeItemsQuery) {}

  @Get(':id')
  async get(@Param('id') id: string) {
    if (!ITEM_ID.test(id)) throw badParameter('id', 'a Bridge item id is a non-negative integer');
    const item = await this.query.findItem(id);
    if (!item) throw notFound('Bridge item', id);
    return item;
  }
}

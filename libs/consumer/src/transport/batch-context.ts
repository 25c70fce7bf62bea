import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

type BatchContextArgs = [manager: EntityManager, topic: string, partition: number];

/**
 * What an `@EventPattern` handler gets with `@Ctx()`: the transaction its effects must be written in
 * (the inbox claims and the outbox records share it), and where the batch came from.
 */
export class BatchContext extends BaseRpcContext<BatchContextArgs> {
  /** The open transaction; write through it only, never through another connection. */
  getManager(): EntityManager {
    return this.args[0];
  }

  /** The handler's pattern: the catalogue topic name, even when read from an overridden topic. */
  getTopic(): string {
    return this.args[1];
  }

  getPartition(): number {
    return this.args[2];
  }
}

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KAFKA_CLIENT } from '@ledgerhook/kafka';
import { OpsAuditWriter } from '@ledgerhook/operations';
import type { Admin, Kafka } from 'kafkajs';

/** The tool recorded as `client` on ops.audit.v1 (the CLI writes ledgerhook-cli). */
export const AUDIT_CLIENT = 'ledgerhook-console';

/**
 * The console's Kafka: the client, one admin connection for the pages, and one audit writer per
 * operator (the actor is part of the writer), opened on first use and kept.
 */
@Injectable()
export class ConsoleKafka implements OnModuleInit, OnApplicationShutdown {
  readonly admin: Admin;
  private readonly writers = new Map<string, Promise<OpsAuditWriter>>();

  constructor(@Inject(KAFKA_CLIENT) readonly kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
  }

  /** The audit writer acting as `actor` (AuditUnavailableError if ops.audit.v1 cannot be reached). */
  audit(actor: string): Promise<OpsAuditWriter> {
    let writer = this.writers.get(actor);
    if (!writer) {
      writer = OpsAuditWriter.open(this.kafka, this.admin, { actor, client: AUDIT_CLIENT });
      // A failed open is not kept: the next action tries again.
      writer.catch(() => this.writers.delete(actor));
      this.writers.set(actor, writer);
    }
    return writer;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const writer of this.writers.values()) await (await writer.catch(() => undefined))?.close();
    await this.admin.disconnect();
  }
}

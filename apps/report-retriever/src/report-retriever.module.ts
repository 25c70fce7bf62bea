import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceImports } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { CredfinApiClient } from '@ledgerhook/credfin-api';
import { type Logger, ReadApiAuthModule } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { ArtifactChunk } from './artifacts/artifact-chunk.entity';
import { Artifact } from './artifacts/artifact.entity';
import { ARTIFACT_STORE } from './artifacts/artifact-store';
import { ArtifactsController } from './artifacts/artifacts.controller';
import { PostgresArtifactStore } from './artifacts/postgres-artifact.store';
import { REPORT_RETRIEVER, type ReportRetrieverConfig } from './config/report-retriever.config';
import { CreateReportsSchema1795536000000 } from './migrations/1795536000000-create-reports-schema';
import { REPORT_RETRIEVER_CONFIG } from './report-retriever.tokens';
import { ReportRetrievalController } from './retrieval/report-retrieval.controller';
import { ReportRetrieval } from './retrieval/report-retrieval.service';

/**
 * Fetches Credfin's reports, PDFs, HTML and bundles once they are ready (@EventPattern on
 * webhooks.credfin.v1), stores them (schema `reports`), announces each on lending.reports.v1 and
 * serves them on the read API.
 */
@Module({})
export class ReportRetrieverModule {
  static forRoot(config: ReportRetrieverConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: ReportRetrieverModule,
      imports: [
        ReadApiAuthModule.forService(config.readApi),
        ...consumerServiceImports({
          service: REPORT_RETRIEVER,
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          topics: [TOPICS.credfinRaw, TOPICS.reports],
          entities: [Artifact, ArtifactChunk],
          migrations: [CreateReportsSchema1795536000000],
          // Each event may fetch from Credfin inside the chunk's transaction: keep chunks small.
          consumer: { groupId: config.groupId, topicOverrides: config.topicOverrides, chunkSize: 20 },
        }),
      ],
      controllers: [ReportRetrievalController, ArtifactsController],
      providers: [
        { provide: REPORT_RETRIEVER_CONFIG, useValue: config },
        { provide: CredfinApiClient, useFactory: () => new CredfinApiClient(config.credfinApi) },
        { provide: ARTIFACT_STORE, useClass: PostgresArtifactStore },
        ReportRetrieval,
      ],
    };
  }
}

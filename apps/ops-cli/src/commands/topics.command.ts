import type { Command } from 'commander';
import { TOPIC_CATALOGUE } from '@ledgerhook/contracts';
import { inventoryTopics } from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { formatRetention } from '../output/duration';
import { writeJson } from '../output/json-output';
import { progressBar } from '../output/progress-bar';
import { renderTable } from '../output/table';

export function registerTopicsCommand(program: Command, io: CliIo): void {
  program
    .command('topics')
    .description(
      "The catalogue's topics (and generic sources' raw topics) as they are on the cluster: partitions, records retained, retention, cleanup policy, and how they differ from the catalogue.",
    )
    .option('--json', 'print JSON: { "topics": [...] }')
    .action(async (options: { json?: boolean }) => {
      const topics = await withKafka(io, async ({ admin }) => {
        const bar = progressBar(io, 'topics', !options.json);
        try {
          return await inventoryTopics(admin, TOPIC_CATALOGUE, bar.listener);
        } finally {
          bar.stop();
        }
      });
      if (options.json) return writeJson(io, { topics });
      io.stdout.write(
        renderTable(
          ['topic', 'partitions', 'records', 'retention', 'cleanup', 'drift'],
          topics.map((t) => [
            t.catalogued ? t.name : `${t.name} (generic source)`,
            t.partitions?.toString() ?? '-',
            t.records ?? '-',
            t.exists ? formatRetention(t.retentionMs) : '-',
            t.cleanupPolicy ?? '-',
            t.drift.join('; '),
          ]),
        ),
      );
    });
}

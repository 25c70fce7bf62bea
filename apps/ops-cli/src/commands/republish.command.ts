import type { Command } from 'commander';
import { executeRepublish, planRepublish, type RepublishPlan } from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { writeJson } from '../output/json-output';
import { withAudit } from './audited-command';

const describe = (plan: RepublishPlan): string =>
  `${plan.ceId} (${plan.ceType ?? 'no ce_type'}) found in ${plan.found.topic} ${plan.found.partition}:${plan.found.offset}, written ${plan.found.timestamp}`;

export function registerRepublishCommand(program: Command, io: CliIo): void {
  program
    .command('republish')
    .description(
      "Finds one raw event by its ce_id (the id the ingress answered with) and re-emits it, byte for byte, for one consumer only: to retry.<consumer>.v1, which hands it to the handler of the raw topic it was found in. The consumer's inbox applies it once. Dry run unless --execute.",
    )
    .argument('<ce_id>', 'the event id (a UUIDv7), e.g. from the ingress logs or a dead letter')
    .requiredOption('--consumer <name>', 'e.g. lifecycle-projector, report-retriever, income-scorer')
    .option('--topic <name>', 'search only this raw topic (default: every webhooks.<source>.v1)')
    .option('--execute', 're-emit it (default: dry run, finds it and shows where it would go)')
    .option(
      '--json',
      'print JSON: { "executed": false, "plan" } or { "executed": true, "operationId", "plan" }',
    )
    .action(
      async (
        ceId: string,
        options: { consumer: string; topic?: string; execute?: boolean; json?: boolean },
      ) => {
        const request = {
          ceId,
          consumer: options.consumer,
          ...(options.topic ? { topic: options.topic } : {}),
        };
        await withKafka(io, async (session) => {
          const { kafka, admin } = session;
          if (!options.execute) {
            const plan = await planRepublish(kafka, admin, request);
            if (options.json) return writeJson(io, { executed: false, plan });
            io.stdout.write(
              `dry run: nothing sent (add --execute)\n${describe(plan)}; would go to ${plan.to}\n`,
            );
            return;
          }
          const { operationId, value: plan } = await withAudit(session, (audit) =>
            executeRepublish(kafka, admin, audit, request),
          );
          if (options.json) return writeJson(io, { executed: true, operationId, plan });
          io.stdout.write(
            `republished (audit operation ${operationId}): ${describe(plan)}; sent to ${plan.to}\n`,
          );
        });
      },
    );
}

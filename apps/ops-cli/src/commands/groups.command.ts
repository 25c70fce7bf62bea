import type { Command } from 'commander';
import { inventoryGroups, type GroupReport } from '@ledgerhook/operations';
import type { CliIo } from '../cli/cli-io';
import { withKafka } from '../cli/kafka-session';
import { writeJson } from '../output/json-output';
import { progressBar } from '../output/progress-bar';
import { renderTable } from '../output/table';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function renderGroup(group: GroupReport): string {
  const lines = [
    `group ${group.groupId}  state ${group.state}  members ${group.members.length}  lag ${group.totalLag}`,
  ];
  for (const member of group.members) {
    const assigned = Object.entries(member.assignment)
      .map(([topic, partitions]) => `${topic}[${partitions.join(',')}]`)
      .join(' ');
    lines.push(`  member ${member.clientId}@${member.clientHost} ${member.memberId} ${assigned}`.trimEnd());
  }
  const table = renderTable(
    ['topic', 'partition', 'committed', 'end', 'lag'],
    group.partitions.map((p) => [p.topic, String(p.partition), p.committed ?? '-', p.end, p.lag ?? '-']),
  );
  lines.push(
    ...table
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
  );
  return lines.join('\n') + '\n';
}

export function registerGroupsCommand(program: Command, io: CliIo): void {
  program
    .command('groups')
    .description(
      'Consumer groups with their state, active members (client, host, assigned partitions) and lag per partition.',
    )
    .option('--group <id>', 'only this group (repeatable); default: every consumer group', collect)
    .option('--json', 'print JSON: { "groups": [...] }')
    .action(async (options: { group?: string[]; json?: boolean }) => {
      const groups = await withKafka(io, async ({ admin }) => {
        const bar = progressBar(io, 'groups', !options.json);
        try {
          return await inventoryGroups(admin, options.group, bar.listener);
        } finally {
          bar.stop();
        }
      });
      if (options.json) return writeJson(io, { groups });
      if (groups.length === 0) io.stdout.write('no consumer groups\n');
      io.stdout.write(groups.map(renderGroup).join('\n'));
    });
}

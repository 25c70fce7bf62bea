import type { ClientBase } from 'pg';

/** One table of a schema: rows and an order-independent checksum of their contents. */
export interface TableChecksum {
  table: string;
  rows: number;
  checksum: string;
}

/**
 * Row count and checksum of every table of `schema`: md5 over the sorted md5s of each row, so two
 * builds of the same events agree whatever order rows were written in (the projection is
 * deterministic: even crawler seeds are sealed with an IV derived from the event).
 */
export async function schemaChecksums(client: ClientBase, schema: string): Promise<TableChecksum[]> {
  const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
    [schema],
  );
  const tables = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    tables.set(table_name, [...(tables.get(table_name) ?? []), column_name]);
  }
  const sums: TableChecksum[] = [];
  for (const [table, names] of tables) {
    const row = `ROW(${names.map((name) => `t."${name}"`).join(', ')})::text`;
    const { rows } = await client.query<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS sum
         FROM (SELECT md5(${row}) AS h FROM "${schema}"."${table}" t) AS rows`,
    );
    sums.push({ table, rows: rows[0]?.n ?? 0, checksum: rows[0]?.sum ?? '' });
  }
  return sums;
}

/** Both builds side by side, table by table. */
export interface TableComparison {
  table: string;
  liveRows: number | null;
  shadowRows: number | null;
  identical: boolean;
}

export function compareChecksums(
  live: readonly TableChecksum[],
  shadow: readonly TableChecksum[],
): TableComparison[] {
  const names = [...new Set([...live, ...shadow].map((t) => t.table))].sort();
  return names.map((table) => {
    const a = live.find((t) => t.table === table);
    const b = shadow.find((t) => t.table === table);
    return {
      table,
      liveRows: a?.rows ?? null,
      shadowRows: b?.rows ?? null,
      identical: a !== undefined && b !== undefined && a.rows === b.rows && a.checksum === b.checksum,
    };
  });
}

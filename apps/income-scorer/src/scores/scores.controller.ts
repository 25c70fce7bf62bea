import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeBorrowerState } from '../borrowers/borrower-state.codec';
import { borrowerView } from '../borrowers/borrower-view';

interface ResultRow {
  value: Record<string, unknown>;
  recorded_at: Date;
  current: boolean;
}

const view = (row: ResultRow) => ({
  ...row.value,
  current: row.current,
  recordedAt: new Date(row.recorded_at).toISOString(),
});

/** Read API of the borrowers and their results (apps/income-scorer/openapi.yaml). */
@Controller()
export class ScoresController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** What was received from CreditChek for the borrower, and what is still awaited. */
  @Get('borrowers/:id')
  async borrower(@Param('id') id: string): Promise<ReturnType<typeof borrowerView>> {
    const [row] = (await this.db.query(
      `SELECT state::text AS state, latest_result_id FROM scoring.borrower WHERE borrower_id = $1`,
      [id],
    )) as { state: string; latest_result_id: string | null }[];
    if (!row) throw new NotFoundException(`no borrower ${id}`);
    return borrowerView(decodeBorrowerState(row.state), row.latest_result_id);
  }

  /** Every result the borrower has had, latest first; `current` marks the one that stands. */
  @Get('borrowers/:id/scores')
  async scores(@Param('id') id: string): Promise<{ borrowerId: string; scores: ReturnType<typeof view>[] }> {
    const rows = (await this.db.query(
      `SELECT r.value, r.recorded_at, (r.result_id = b.latest_result_id) AS current
         FROM scoring.borrower b JOIN scoring.score_result r ON r.borrower_id = b.borrower_id
        WHERE b.borrower_id = $1
        ORDER BY r.as_of DESC, r.recorded_at DESC, r.result_id DESC`,
      [id],
    )) as ResultRow[];
    if (rows.length === 0) throw new NotFoundException(`no scores for borrower ${id}`);
    return { borrowerId: id, scores: rows.map(view) };
  }

  @Get('scores/:id')
  async score(@Param('id') id: string): Promise<ReturnType<typeof view>> {
    const [row] = (await this.db.query(
      `SELECT r.value, r.recorded_at, (r.result_id = b.latest_result_id) AS current
         FROM scoring.score_result r JOIN scoring.borrower b ON b.borrower_id = r.borrower_id
        WHERE r.result_id = $1`,
      [id],
    )) as ResultRow[];
    if (!row) throw new NotFoundException(`no score ${id}`);
    return view(row);
  }
}

import type { z } from 'zod';
import { TOPICS } from '../topics/topic-catalogue';
import { applicationStateSchema } from './application-state.schema';
import { incomeScoreSchema } from './income-score.schema';
import { reportSchema } from './report.schema';

/** Value schema of each downstream topic (for the docs generator and for producers to validate). */
export const DOWNSTREAM_VALUE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  [TOPICS.applications]: applicationStateSchema,
  [TOPICS.reports]: reportSchema,
  [TOPICS.incomeScores]: incomeScoreSchema,
};

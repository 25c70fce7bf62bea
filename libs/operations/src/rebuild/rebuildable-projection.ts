import { TOPICS } from '@ledgerhook/contracts';
import { OperationRefusedError } from '../errors/operation-refused.error';

/** A projection `ledgerhook rebuild` knows how to build again beside the live one and swap in. */
export interface RebuildableProjection {
  /** The service (and consumer) that keeps it. */
  name: string;
  /** Its live schema. */
  schema: string;
  /** Its live consumer group (the service's default). */
  group: string;
  /** The catalogue topics it is built from (the retry topic is read too, but is no position). */
  topics: readonly string[];
  /** Environment the service reads to build a shadow: its schema and its group. */
  env: { schema: string; group: string };
}

export const REBUILDABLE_PROJECTIONS: Readonly<Record<string, RebuildableProjection>> = {
  'lifecycle-projector': {
    name: 'lifecycle-projector',
    schema: 'lifecycle',
    group: 'lifecycle-projector',
    topics: [TOPICS.credfinRaw, TOPICS.bridgeRaw, TOPICS.reports],
    env: { schema: 'LIFECYCLE_PROJECTOR_SCHEMA', group: 'LIFECYCLE_PROJECTOR_GROUP_ID' },
  },
};

export function rebuildableProjection(name: string): RebuildableProjection {
  const projection = REBUILDABLE_PROJECTIONS[name];
  if (!projection)
    throw new OperationRefusedError(
      `${name} cannot be rebuilt (yet): one of ${Object.keys(REBUILDABLE_PROJECTIONS).join(', ')}`,
    );
  return projection;
}

import { ApplicationsController } from './credfin/applications.controller';
import { ApplicationsQuery } from './credfin/applications.query';
import { BridgeItemsController } from './bridge/bridge-items.controller';
import { BridgeItemsQuery } from './bridge/bridge-items.query';

/** The read API. The providers need TypeORM's DataSource, which DatabaseModule.forService provides. */
export const LIFECYCLE_CONTROLLERS = [ApplicationsController, BridgeItemsController] as const;
export const LIFECYCLE_PROVIDERS = [ApplicationsQuery, BridgeItemsQuery] as const;

import { tableSpecOf } from '../merge/table-spec';
import { BridgeAccount } from './bridge-account.entity';
import { BridgeItem } from './bridge-item.entity';
import { BridgePaymentTransaction } from './bridge-payment-transaction.entity';
import { BridgeUser } from './bridge-user.entity';

// How each Bridge table merges a new fact: derived from its entity (columns, types, @Merged rules).
export const BRIDGE_USER_TABLE = tableSpecOf(BridgeUser);
export const BRIDGE_ITEM_TABLE = tableSpecOf(BridgeItem);
export const BRIDGE_ACCOUNT_TABLE = tableSpecOf(BridgeAccount);
export const BRIDGE_PAYMENT_TRANSACTION_TABLE = tableSpecOf(BridgePaymentTransaction);

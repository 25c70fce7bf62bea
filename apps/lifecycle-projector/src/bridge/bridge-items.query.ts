import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoColumn as t } from '../sql/iso-column';

/** Read side of the Bridge projection: an item with its user, accounts and payment transactions. */
@Injectable()
export class BridgeItemsQuery {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findItem(itemId: string) {
    const items: Record<string, string | number | boolean | null>[] = await this.dataSource.query(
      `SELECT i.item_id::text AS item_id, i.user_uuid::text AS user_uuid, i.status_code, i.status_code_info,
              i.refresh_trigger, i.full_refresh, i.account_types,
              ${t('i.authentication_expires_at')} AS authentication_expires_at,
              ${t('i.last_refreshed_at')} AS last_refreshed_at, ${t('i.created_at')} AS created_at,
              ${t('i.first_seen_at')} AS first_seen_at, ${t('i.last_event_at')} AS last_event_at,
              ${t('i.deleted_at')} AS deleted_at,
              ${t('u.deleted_at')} AS user_deleted_at
         FROM bridge_item i
         LEFT JOIN bridge_user u ON u.user_uuid = i.user_uuid
        WHERE i.item_id = $1::bigint`,
      [itemId],
    );
    const item = items[0];
    if (!item) return undefined;
    const [accounts, payments] = await Promise.all([
      this.dataSource.query(
        `SELECT account_id::text AS account_id, balance::text AS balance, currency,
                ${t('balance_as_of')} AS balance_as_of, nb_new_transactions, nb_updated_transactions,
                nb_deleted_transactions, ${t('created_at')} AS created_at, ${t('deleted_at')} AS deleted_at
           FROM bridge_account WHERE item_id = $1::bigint ORDER BY account_id`,
        [itemId],
      ),
      // Payment webhooks rarely name an item or user: linked only when the event did.
      this.dataSource.query(
        `SELECT payment_transaction_id, payment_request_id, payment_link_id, client_reference, end_to_end_id,
                status, status_reason, ${t('status_at')} AS status_at, ${t('created_at')} AS created_at
           FROM bridge_payment_transaction
          WHERE item_id = $1::bigint OR ($2::uuid IS NOT NULL AND user_uuid = $2::uuid)
          ORDER BY first_seen_at, payment_transaction_id`,
        [itemId, item.user_uuid],
      ),
    ]);
    return {
      itemId: item.item_id,
      status: {
        code: item.status_code,
        info: item.status_code_info,
        refreshTrigger: item.refresh_trigger,
        fullRefresh: item.full_refresh,
        accountTypes: item.account_types,
        authenticationExpiresAt: item.authentication_expires_at,
        lastRefreshedAt: item.last_refreshed_at,
      },
      createdAt: item.created_at,
      firstSeenAt: item.first_seen_at,
      lastEventAt: item.last_event_at,
      deleted: item.deleted_at !== null,
      deletedAt: item.deleted_at,
      user:
        item.user_uuid === null
          ? null
          : {
              userUuid: item.user_uuid,
              deleted: item.user_deleted_at !== null,
              deletedAt: item.user_deleted_at,
            },
      accounts: (accounts as Record<string, string | number | null>[]).map((account) => ({
        accountId: account.account_id,
        balance: account.balance === null ? null : { amount: account.balance, currency: account.currency },
        balanceAsOf: account.balance_as_of,
        transactions: {
          new: account.nb_new_transactions,
          updated: account.nb_updated_transactions,
          deleted: account.nb_deleted_transactions,
        },
        createdAt: account.created_at,
        deleted: account.deleted_at !== null,
        deletedAt: account.deleted_at,
      })),
      paymentTransactions: (payments as Record<string, string | null>[]).map((payment) => ({
        paymentTransactionId: payment.payment_transaction_id,
        paymentRequestId: payment.payment_request_id,
        paymentLinkId: payment.payment_link_id,
        clientReference: payment.client_reference,
        endToEndId: payment.end_to_end_id,
        status: payment.status,
        statusReason: payment.status_reason,
        statusAt: payment.status_at,
        createdAt: payment.created_at,
      })),
    };
  }
}

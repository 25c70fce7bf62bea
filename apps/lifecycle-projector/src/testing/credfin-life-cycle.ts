// A full synthetic Credfin application life cycle: every one of the 13 event types, two accounts,
// the account-owner message FIRST (before the account is known), crawler statuses including one
// Credfin does not document, a late stale balances event and a late repeated crawler status.

export const LIFE_CYCLE_APPLICATION_ID = '700001';
export const LIFE_CYCLE_VSID = 'LH-700001';
export const LIFE_CYCLE_SEED = 'SEED-SECRET-3f9a';
const CRAWLER = 'c0ffee00-0000-4000-8000-000000000001';
const ACCOUNT_A = { bsb: '012-345', number: '11112222' };
const ACCOUNT_B = { bsb: '067890', number: '000333444' };

const at = (second: number) => `2024-05-01T10:00:${String(second).padStart(2, '0')}.123456+10:00`;

function application(time: number, crawlerStatus: string, crawlerTime: number, extra: object = {}) {
  return {
    id: Number(LIFE_CYCLE_APPLICATION_ID),
    vendor_specific_id: LIFE_CYCLE_VSID,
    timestamp: at(time),
    crawler: [
      {
        uuid: CRAWLER,
        application: Number(LIFE_CYCLE_APPLICATION_ID),
        bank_id: 42,
        timestamp: at(crawlerTime),
        status: crawlerStatus,
      },
    ],
    full_name: 'Ada Lovelace',
    email: 'ada@example.test',
    mobile: '0400000001',
    ...extra,
  };
}

function analysis(event: string, id: number, time: number) {
  return { event, payload: { id, time: at(time), vendor_specific_id: LIFE_CYCLE_VSID } };
}

function owner(account: { bsb: string; number: string }, status: 'success' | 'failed') {
  return {
    status,
    messageType: 'account_owner_info',
    errorMessage: status === 'failed' ? 'No eStatements available' : '',
    accountOwnerInfo: {
      ...account,
      address: status === 'success' ? [{ addressLine1: '1 Analytical Way', state: 'NSW' }] : [],
      owners: status === 'success' ? ['MS A LOVELACE'] : [],
      email: [],
      phone: [],
    },
  };
}

export function credfinLifeCycleBodies(): object[] {
  const id = Number(LIFE_CYCLE_APPLICATION_ID);
  return [
    owner(ACCOUNT_A, 'success'),
    { event: 'crawler.lifecycle_updated', payload: application(1, 'QUEUED', 1) },
    { event: 'crawler.lifecycle_updated', payload: application(2, 'PROCESSING', 2) },
    { event: 'crawler.lifecycle_updated', payload: application(3, 'AUTH', 3) },
    { event: 'crawler.lifecycle_updated', payload: application(4, 'MFA_CHALLENGE', 4) },
    { event: 'crawler.seed_created', payload: { ...application(5, 'AUTH', 3), seed: LIFE_CYCLE_SEED } },
    { event: 'crawler.lifecycle_updated', payload: application(6, 'RELEASED', 6) },
    {
      event: 'account.numbers_ready',
      payload: {
        id,
        vendor_specific_id: LIFE_CYCLE_VSID,
        timestamp: at(7),
        accounts: [ACCOUNT_A, ACCOUNT_B],
      },
    },
    {
      event: 'account.balances_ready',
      payload: {
        id,
        vendor_specific_id: LIFE_CYCLE_VSID,
        timestamp: at(9),
        accounts: [
          { ...ACCOUNT_A, available: '100.50', balance: '120.75' },
          { ...ACCOUNT_B, available: '', balance: '-5.01' },
        ],
      },
    },
    analysis('analysis.report_ready', 800001, 10),
    analysis('analysis.report_ready', 800002, 11),
    analysis('analysis.pdf_ready', 800001, 12),
    analysis('analysis.html_ready', 800001, 13),
    { event: 'application.report_ready', payload: application(14, 'COMPLETED', 14, { analysed: true }) },
    { event: 'summary.report_ready', payload: application(15, 'COMPLETED', 14) },
    { event: 'summary.pdf_ready', payload: application(16, 'COMPLETED', 14) },
    { event: 'summary.html_ready', payload: application(17, 'COMPLETED', 14) },
    {
      event: 'application.bundle_ready',
      payload: application(18, 'COMPLETED', 14, { finalised: true, analysed: true }),
    },
    { event: 'account.account_owner', payload: owner(ACCOUNT_B, 'failed') },
    // Late and stale: older balances (time 8 < 9) and a repeated old crawler status.
    {
      event: 'account.balances_ready',
      payload: {
        id,
        vendor_specific_id: LIFE_CYCLE_VSID,
        timestamp: at(8),
        accounts: [{ ...ACCOUNT_A, available: '1.00', balance: '1.00' }],
      },
    },
    { event: 'crawler.lifecycle_updated', payload: application(2, 'PROCESSING', 2) },
  ];
}

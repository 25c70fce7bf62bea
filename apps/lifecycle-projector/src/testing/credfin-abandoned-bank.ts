import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { type Report, reportSchema } from '@ledgerhook/contracts';

// A second synthetic Credfin application (issue 11): the customer abandons bank A (its crawler times
// out) and completes bank B; two accounts, their analyses WITHOUT vendor_specific_id (keyed
// analysis:<id>, another partition than the application), joined through the account reports the
// report-retriever stores; a later balances_ready without balances; a BSB written three ways.

export const ABANDONED_APPLICATION_ID = '700002';
const CRAWLER_A = 'abad0000-0000-4000-8000-000000000001';
const CRAWLER_B = 'abad0000-0000-4000-8000-000000000002';
const ACCOUNT_1 = { bsb: '062 692', number: '55556666' };
const ACCOUNT_2 = { bsb: '062-692', number: '77778888' };
const ANALYSIS_1 = 800011;
const ANALYSIS_2 = 800012;

const at = (second: number) => `2024-05-02T10:00:${String(second).padStart(2, '0')}.000000+10:00`;

function crawler(uuid: string, bank: number, status: string, second: number) {
  return {
    event: 'crawler.lifecycle_updated',
    payload: {
      id: Number(ABANDONED_APPLICATION_ID),
      timestamp: at(1),
      crawler: [
        { uuid, application: Number(ABANDONED_APPLICATION_ID), bank_id: bank, timestamp: at(second), status },
      ],
    },
  };
}

export function abandonedBankBodies(): object[] {
  const id = Number(ABANDONED_APPLICATION_ID);
  return [
    crawler(CRAWLER_A, 1, 'AUTH', 2),
    crawler(CRAWLER_B, 2, 'AUTH', 3),
    crawler(CRAWLER_A, 1, 'TIMEDOUT', 4),
    // Crawler-shaped: the crawler itself, naming its application.
    {
      event: 'crawler.seed_created',
      payload: { uuid: CRAWLER_B, application: id, bank_id: 2, timestamp: at(5), status: 'RELEASED' },
    },
    crawler(CRAWLER_B, 2, 'COMPLETED', 6),
    {
      event: 'application.account.numbers_ready',
      payload: { id, timestamp: at(1), accounts: [ACCOUNT_1, ACCOUNT_2] },
    },
    {
      event: 'account.balances_ready',
      payload: {
        id,
        timestamp: at(8),
        accounts: [
          { ...ACCOUNT_1, available: '10.00', balance: '11.00' },
          { ...ACCOUNT_2, available: '20.00', balance: '22.00' },
        ],
      },
    },
    // Later, and without balances: no fact about them.
    { event: 'account.balances_ready', payload: { id, timestamp: at(9), accounts: [ACCOUNT_1, ACCOUNT_2] } },
    ...[ANALYSIS_1, ANALYSIS_2].flatMap((analysis, i) =>
      ['analysis.report_ready', 'analysis.pdf_ready', 'analysis.html_ready'].map((event, j) => ({
        event,
        payload: { id: analysis, time: at(20 + 3 * i + j) },
      })),
    ),
    {
      status: 'success',
      fileLocation: null,
      messageType: 'account_owner_info',
      errorMessage: null,
      accountOwnerInfo: {
        bsb: '062692',
        number: ACCOUNT_2.number,
        owners: [],
        address: [],
        email: [],
        phone: [],
      },
    },
    { event: 'application.report_ready', payload: { id, timestamp: at(1), analysed: true } },
  ];
}

/** The account reports the report-retriever publishes for the two analyses (lending.reports.v1). */
export function abandonedBankReports(): Report[] {
  return [
    [ANALYSIS_1, ACCOUNT_1],
    [ANALYSIS_2, ACCOUNT_2],
  ].map(([analysis, account], i) => {
    const { bsb, number } = account as typeof ACCOUNT_1;
    const artifactId = `0196a000-0000-7000-8000-00000070000${i + 1}`;
    return reportSchema.parse({
      provider: 'credfin',
      artifactId,
      applicationId: ABANDONED_APPLICATION_ID,
      analysisId: String(analysis),
      accountRef: TEST_ACCOUNT_REFS.of(bsb, number),
      accountLast4: number.slice(-4),
      kind: 'analysis_report',
      contentType: 'application/json',
      sha256: 'c'.repeat(64),
      sizeBytes: 10,
      fetchedAt: `2024-05-02T00:01:0${i}.000Z`,
      link: `/artifacts/${artifactId}`,
      sourceCeId: `0196a000-0000-7000-8000-00000080000${i + 1}`,
    });
  });
}

import { loadCreditChekApiConfig } from '../config/creditchek-api.config';
import { CreditChekRejectedError } from './creditchek-api.errors';
import { buildInsightRequest, interpretInsightAnswer } from './insight-request';

const TOKEN = 'live_sk_0123456789abcdef';
const config = (env: Record<string, string> = {}) =>
  loadCreditChekApiConfig('income-scorer', { CREDITCHEK_API_TOKEN: TOKEN, ...env });

describe('buildInsightRequest', () => {
  it('POSTs { borrowerId } to the documented base URL and path with the token header', () => {
    expect(buildInsightRequest(config(), '64a64e4681741eca2fd00821')).toEqual({
      url: 'https://api.creditchek.africa/v1/income/api/process-income',
      method: 'POST',
      headers: { token: TOKEN, 'content-type': 'application/json', accept: 'application/json' },
      body: '{"borrowerId":"64a64e4681741eca2fd00821"}',
    });
  });

  it('takes the base URL (trailing slash or not) and the path from configuration', () => {
    const request = buildInsightRequest(
      config({
        CREDITCHEK_API_URL: 'http://127.0.0.1:3090/creditchek/',
        CREDITCHEK_API_INSIGHT_PATH: '/v2/insights',
      }),
      'b1',
    );
    expect(request.url).toBe('http://127.0.0.1:3090/creditchek/v2/insights');
  });

  it.each(['', '../admin', 'a b', 'x'.repeat(65), '{"$ne":null}'])('refuses to send borrower id %j', (id) => {
    expect(() => buildInsightRequest(config(), id)).toThrow(CreditChekRejectedError);
  });
});

describe('interpretInsightAnswer', () => {
  const insight = { borrowerId: 'b1', avgMonthlyIncome: '81111896.6', success: true };

  it('returns the data of the requested borrower, in either insight form', () => {
    expect(interpretInsightAnswer(200, { status: true, data: insight }, 'b1')).toEqual({
      kind: 'found',
      data: insight,
    });
    const recordForm = { id: 'i1', record: insight };
    expect(interpretInsightAnswer(200, { data: recordForm }, 'b1')).toEqual({
      kind: 'found',
      data: recordForm,
    });
    const failed = { borrowerId: 'b1', success: false };
    expect(interpretInsightAnswer(200, { data: failed }, 'b1')).toEqual({ kind: 'found', data: failed });
  });

  it('reads 404 and status: false as "no insight yet"', () => {
    expect(interpretInsightAnswer(404, undefined, 'b1')).toEqual({ kind: 'none' });
    expect(interpretInsightAnswer(200, { status: false, data: {} }, 'b1')).toEqual({ kind: 'none' });
  });

  it.each([500, 502, 503, 408, 429])('retries %i', (status) => {
    expect(interpretInsightAnswer(status, undefined, 'b1').kind).toBe('retry');
  });

  it('refuses a bad token, naming the variable to fix', () => {
    expect(interpretInsightAnswer(401, undefined, 'b1')).toEqual({
      kind: 'rejected',
      status: 401,
      reason: 'the token was refused: check CREDITCHEK_API_TOKEN',
    });
  });

  it.each([
    ['another status', 400, { data: insight }],
    ['a body that is not JSON', 200, undefined],
    ['no data object', 200, { status: true, data: 'x' }],
    ["another borrower's insight", 200, { data: { ...insight, borrowerId: 'b2' } }],
  ])('refuses %s', (_case, status, json) => {
    expect(interpretInsightAnswer(status, json, 'b1').kind).toBe('rejected');
  });
});

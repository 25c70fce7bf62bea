import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  DOWNSTREAM_VALUE_SCHEMAS,
  INCOME_SCORE_EXAMPLES,
  opsAuditRecordSchema,
  TOPICS,
  uuidv7,
} from '../src/index';
import { loadFixtures } from '../src/testing/fixtures';
import {
  ASYNCAPI_PATH,
  downstreamSchemaPath,
  eventSchemaPath,
  opsSchemaPath,
  renderDocs,
} from './render-docs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');
const generated = renderDocs();

function eventNameOf(provider: string, body: Record<string, unknown>): string {
  if (provider === 'bridge') return String(body.type);
  if (provider === 'credfin' && body.event === undefined) return 'account.account_owner';
  return String(body.event);
}

describe('generated documents', () => {
  it.each(generated.map((file) => [file.path, file] as const))('%s is up to date', (file, { content }) => {
    let current: string | undefined;
    try {
      current = read(file);
    } catch {
      current = undefined;
    }
    if (current !== content) {
      throw new Error(
        `${file} differs from what the code generates: run \`npm run contracts:generate\` and commit the result`,
      );
    }
  });

  it('is deterministic', () => {
    expect(renderDocs()).toEqual(generated);
  });

  describe('JSON Schemas, checked by an independent validator (ajv, 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validatorFor = (file: string) => ajv.compile(JSON.parse(read(file)));

    it.each(loadFixtures().map((f) => [`${f.provider}/${f.file}`, f] as const))(
      '%s validates',
      (_name, fixture) => {
        const validate = validatorFor(
          eventSchemaPath(fixture.provider, eventNameOf(fixture.provider, fixture.body)),
        );
        const valid = validate(fixture.body);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      },
    );

    it('rejects what the zod schemas reject: missing id, wrong type, malformed amount', () => {
      const bundle = validatorFor(eventSchemaPath('credfin', 'application.bundle_ready'));
      expect(bundle({ event: 'application.bundle_ready', payload: { vendor_specific_id: 'x' } })).toBe(false);
      expect(bundle({ event: 'application.bundle_ready', payload: { id: '961194' } })).toBe(false);
      const balances = validatorFor(eventSchemaPath('credfin', 'account.balances_ready'));
      expect(
        balances({
          event: 'account.balances_ready',
          payload: [{ bsb: '123456', number: '1', balance: '12abc' }],
        }),
      ).toBe(false);
      expect(
        balances({
          event: 'account.balances_ready',
          payload: [{ bsb: '123456', number: '1', balance: '-3.98' }],
        }),
      ).toBe(true);
    });

    it('describes the downstream values', () => {
      const applications = validatorFor(downstreamSchemaPath(TOPICS.applications));
      const value = {
        provider: 'credfin',
        applicationId: '961194',
        vendorSpecificId: '200120c',
        status: 'bundle_ready',
        accounts: [
          { accountRef: `acct:${'a'.repeat(32)}`, last4: '1384', balance: { currency: 'AUD', minor: '398' } },
        ],
        artifacts: {
          reportJson: true,
          analysisPdf: true,
          analysisHtml: true,
          summaryPdf: true,
          summaryHtml: true,
          bundle: true,
        },
        updatedAt: '2020-01-21T01:52:23.480Z',
        version: 7,
      };
      expect(applications(value)).toBe(true);
      expect(DOWNSTREAM_VALUE_SCHEMAS[TOPICS.applications].safeParse(value).success).toBe(true);
      expect(applications({ ...value, status: 'exploded' })).toBe(false);
    });

    it('describes lending.income-scores.v1: its examples validate, a score without its decision does not', () => {
      const scores = validatorFor(downstreamSchemaPath(TOPICS.incomeScores));
      const schema = DOWNSTREAM_VALUE_SCHEMAS[TOPICS.incomeScores];
      expect(INCOME_SCORE_EXAMPLES.length).toBe(2);
      for (const example of INCOME_SCORE_EXAMPLES) {
        expect(scores(example)).toBe(true);
        expect(schema.safeParse(example).success).toBe(true);
      }
      const [scored, noScore] = INCOME_SCORE_EXAMPLES as Record<string, unknown>[];
      const { decision: _decision, ...undecided } = scored;
      for (const bad of [
        undecided,
        { ...scored, score: 1001 },
        { ...scored, band: 'F' },
        { ...scored, affordableMonthlyRepayment: { currency: 'NGN', minor: '41849.34 NGN' } },
        { ...noScore, reasons: [] },
        { ...noScore, inputCeIds: [] },
        { ...noScore, status: 'maybe' },
      ]) {
        expect(scores(bad)).toBe(false);
        expect(schema.safeParse(bad).success).toBe(false);
      }
    });

    it('describes the audit records', () => {
      const audit = validatorFor(opsSchemaPath(TOPICS.opsAudit));
      const record = {
        operationId: uuidv7(),
        operation: 'replay',
        status: 'succeeded',
        actor: 'ops-oncall',
        client: 'ledgerhook-cli',
        at: '2026-01-21T01:52:23.480Z',
        parameters: { group: 'lifecycle-projector', topic: TOPICS.credfinRaw, earliest: true },
        result: { partitions: [{ partition: 0, before: '12', after: '0' }] },
      };
      expect(audit(record)).toBe(true);
      expect(opsAuditRecordSchema.safeParse(record).success).toBe(true);
      for (const bad of [
        { ...record, status: 'maybe' },
        { ...record, operationId: 'not-a-uuid' },
        { ...record, actor: '' },
        { ...record, parameters: undefined },
      ]) {
        expect(audit(bad)).toBe(false);
        expect(opsAuditRecordSchema.safeParse(bad).success).toBe(false);
      }
    });
  });

  it('docs/asyncapi.yaml is a valid AsyncAPI 3.0 document', async () => {
    const { document, diagnostics } = await new Parser().parse(read(ASYNCAPI_PATH));
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    const addresses = document
      ?.channels()
      .all()
      .map((c) => c.address());
    expect(addresses).toEqual(
      expect.arrayContaining([
        TOPICS.credfinRaw,
        TOPICS.applications,
        'webhooks.{source}.v1',
        'dlq.income-scorer.v1',
        'retry.income-scorer.v1',
        TOPICS.opsAudit,
      ]),
    );
  });
});

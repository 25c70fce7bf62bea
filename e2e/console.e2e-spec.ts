import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dlqTopicName, TOPICS } from '@ledgerhook/contracts';
import { DLQ_HEADERS } from '@ledgerhook/consumer';
import { waitForGroupAtEnd } from '@ledgerhook/kafka/testing';
import { credfinLifeCycle, sendCredfinWebhook, simulatedApplication } from './support/credfin-traffic';
import { SystemUnderTest } from './support/system-under-test';
import { until } from './support/until';

// The ops console in a real browser (Debian's chromium driven by playwright-core) against the real
// stack, every app its own process: log in, find the application a signed webhook just created, open
// its timeline, download an artifact, reveal a delivery (audited), redrive a dead letter and see the
// count drop, log out; a viewer cannot redrive; personal data never reaches the browser unmasked
// except in the answer to a reveal or a download.
jest.setTimeout(300_000);

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CONSUMER = 'lifecycle-projector';
// What the webhooks of credfin-traffic.ts say about the borrower (plus the accounts' numbers and
// holders, added once the simulator names them): never in a page without a reveal.
const PERSONAL = ['Avery Quill', 'avery.quill@example.test', '0400000009'];

let system: SystemUnderTest;
let browser: Browser;
let applicationId: string;

const consoleUrl = () => system.url('console');

/** Every text answer the page received, by URL (to look for personal data in them). */
function recordAnswers(page: Page): Map<string, string> {
  const answers = new Map<string, string>();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/text|json|javascript/.test(type)) return;
    void response.text().then(
      (text) => answers.set(`${response.request().method()} ${response.url()}`, text),
      () => undefined,
    );
  });
  return answers;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl()}/operations`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(/\/applications$/), page.click('button[type=submit]')]);
}

async function dlqCount(page: Page): Promise<number> {
  await page.goto(`${consoleUrl()}/operations`);
  return Number(await page.textContent(`[data-testid=dlqs] tr[data-consumer=${CONSUMER}] .count`));
}

/** A dead letter of the lifecycle-projector: a copy of a raw event it applied (so a redrive is a no-op). */
async function deadLetter(): Promise<void> {
  const [raw] = await system.records(TOPICS.credfinRaw);
  if (!raw) throw new Error('no raw event to dead-letter');
  const producer = system.kafka.producer();
  await producer.connect();
  await producer.send({
    topic: dlqTopicName(CONSUMER),
    messages: [
      {
        key: raw.key,
        value: raw.value,
        headers: {
          ...raw.headers,
          [DLQ_HEADERS.consumer]: CONSUMER,
          [DLQ_HEADERS.topic]: raw.topic,
          [DLQ_HEADERS.partition]: String(raw.partition),
          [DLQ_HEADERS.offset]: raw.offset,
          [DLQ_HEADERS.error]: 'e2e: a handler failure',
          [DLQ_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ],
  });
  await producer.disconnect();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: the console's browser tests drive Debian's chromium (apt-get install -y chromium, as .ci/run does) or CHROMIUM_PATH`,
    );
  system = await SystemUnderTest.start(
    ['provider-simulator', 'ingress', 'lifecycle-projector', 'report-retriever', 'console'],
    { kafkaPort: 19198 },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const application = await simulatedApplication(system.url('provider-simulator'), '961194');
  applicationId = application.applicationId;
  for (const account of application.accounts) PERSONAL.push(account.number, account.holder);
  for (const webhook of await credfinLifeCycle(system.url('provider-simulator'), applicationId)) {
    expect(await sendCredfinWebhook(system.url('ingress'), system.credentials.credfin, webhook)).toBe(200);
  }
  await waitForGroupAtEnd(system.admin, CONSUMER, [TOPICS.credfinRaw], 90_000);
  await until(
    async () => (await system.read('report-retriever', `/applications/${applicationId}/artifacts`)).status,
    (status) => status === 200,
    90_000,
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('ops console in a browser', () => {
  it('an operator finds the application, its timeline and artifacts, reveals, redrives and logs out', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const answers = recordAnswers(page);
    const { username, password } = system.credentials.consoleAdmin;
    await logIn(page, username, password);

    // Find the application the webhooks just created, by its id.
    await page.fill('input[name=q]', applicationId);
    await Promise.all([page.waitForURL(/\/applications\/961194$/), page.click('form[role=search] button')]);
    expect(await page.textContent('[data-testid=application-id]')).toBe(applicationId);
    expect(await page.textContent('[data-testid=status]')).not.toBe('');

    // Its timeline: the events of its life cycle.
    await Promise.all([page.waitForURL(/\/timeline$/), page.click('text=Timeline')]);
    const rows = await page.locator('[data-testid=timeline] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await page.click('text=Back to the application');

    // An artifact, downloaded: the same bytes as the report-retriever serves.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('text=Download').first().click(),
    ]);
    const downloaded = await readFile(await download.path());
    const href = await page.locator('text=Download').first().getAttribute('href');
    const original = Buffer.from(await (await system.read('report-retriever', href ?? '')).arrayBuffer());
    expect(downloaded.length).toBeGreaterThan(0);
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(
      createHash('sha256').update(original).digest('hex'),
    );

    // A delivery: masked until revealed; the reveal is audited.
    await page.goto(`${consoleUrl()}/deliveries?provider=credfin`);
    expect(await page.locator('[data-testid=deliveries] tbody tr').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=deliveries] tbody tr a').last().click();
    await page.waitForURL(/\/deliveries\/credfin\/\d+\/\d+$/);
    expect(await page.textContent('[data-testid=body]')).toContain('***');
    const before = [...answers.entries()];
    await Promise.all([page.waitForURL(/\/reveal$/), page.click('text=Reveal')]);
    expect(await page.textContent('[data-testid=body]')).not.toContain('"***"');

    // Nothing the browser received before the reveal held the borrower's personal data.
    // (The artifact downloaded on purpose above is a bank report: personal by nature, and audited.)
    const pages = before.filter(([url]) => !url.startsWith(`GET ${consoleUrl()}/artifacts/`));
    expect(pages.length).toBeGreaterThan(5);
    for (const [url, text] of pages)
      for (const value of PERSONAL) expect([url, value, text.includes(value)]).toEqual([url, value, false]);

    // A dead letter, redriven: the count drops.
    await deadLetter();
    expect(
      await until(
        () => dlqCount(page),
        (count) => count === 1,
        30_000,
      ),
    ).toBe(1);
    await Promise.all([
      page.waitForURL(/\/operations\?notice=/),
      page.click(`[data-testid=dlqs] tr[data-consumer=${CONSUMER}] button`),
    ]);
    expect(await page.textContent('[role=status]')).toContain(
      '1 dead letter(s) sent to retry.lifecycle-projector.v1',
    );
    expect(await page.textContent(`[data-testid=dlqs] tr[data-consumer=${CONSUMER}] .count`)).toBe('0');

    // Both actions on the audit log, as this operator through the console.
    await page.goto(`${consoleUrl()}/operations/audit`);
    const audit = await page.textContent('[data-testid=audit]');
    expect(audit).toContain('dlq.redrive');
    expect(audit).toContain('console.reveal');
    expect(audit).toContain('console.artifact-download');
    expect(audit).toContain(username);

    // Logged out: the pages ask for a login again.
    await Promise.all([page.waitForURL(/\/login$/), page.click('text=Log out')]);
    await page.goto(`${consoleUrl()}/applications/${applicationId}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('a viewer sees the dead letters but cannot redrive them', async () => {
    const password = 'viewer-password-e2e';
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO console.operator (username, password_hash, role, created_at) VALUES ($1, $2, 'viewer', now())`,
      ['viewer-e2e', await bcrypt.hash(password, 10)],
    );
    await db.end();
    await deadLetter();
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, 'viewer-e2e', password);
    const count = await until(
      () => dlqCount(page),
      (n) => n >= 1,
      30_000,
    );
    expect(await page.locator(`[data-testid=dlqs] tr[data-consumer=${CONSUMER}] button`).count()).toBe(0);

    // Posting the form anyway (with the viewer's own CSRF token) is refused, and nothing moves.
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    const refused = await page.request.post(`${consoleUrl()}/operations/dlq/${CONSUMER}/redrive`, {
      form: { _csrf: csrf ?? '' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await dlqCount(page)).toBe(count);
    await context.close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Topics } from '@herald/contracts';
import { KafkaProbe, waitFor } from '@herald/testing';
import { ConsoleProcess } from './support/console-process';
import { E2E_INGEST_KEY, e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';
import { Pipeline, type ServiceName } from './support/pipeline';
import { PrometheusServer } from './support/prometheus-server';

// Issue 24: the operator console in real headless Chromium (Debian's chromium, installed by
// tools/scripts/ensure-deps.js) on one running pipeline. HERALD_CONSOLE_SCREENSHOTS=1 also writes
// each view's screenshot to docs/console/ (docs/console.md shows them).
const ADMIN = { name: 'e2e-admin', password: 'e2e-admin-password-0123' };
const VIEWER = { name: 'e2e-viewer', password: 'e2e-viewer-password-0123' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS =
  process.env.HERALD_CONSOLE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../../docs/console') : undefined;

describe('operator console (headless Chromium, running pipeline)', () => {
  const probe = new KafkaProbe();
  let pipeline: Pipeline;
  let consoleApp: ConsoleProcess;
  let prometheus: PrometheusServer;
  let browser: Browser;
  let page: Page;
  const phones: string[] = [];
  const newPhone = () => {
    const phone = frenchMobile(randomInt(1, 10_000_000));
    phones.push(phone);
    return phone;
  };

  const api = async (method: string, pathname: string, body?: unknown, cookie?: string) => {
    const res = await fetch(`${consoleApp.url}${pathname}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { fields?: Array<{ field: string; reason: string }> },
      cookie: res.headers.get('set-cookie')?.split(';')[0],
    };
  };
  const notify = async (to: string, brand = 'acme-bank') => {
    const res = await fetch(pipeline.url('event-ingest', '/v1/notifications'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INGEST_KEY}` },
      body: JSON.stringify({
        to,
        brand,
        category: 'transactional',
        locale: 'fr-FR',
        templateKey: 'customer.registered',
        variables: { customer: { firstName: 'Amélie' } },
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { messageIds: string[] }).messageIds[0];
  };
  const finalState = (messageId: string) =>
    waitFor(
      `a final state for ${messageId}`,
      async () => {
        const res = await fetch(pipeline.url('receipts', `/v1/messages/${messageId}`), {
          headers: { authorization: 'Bearer e2e-receipts-key-0123456789' },
        });
        const m = res.status === 200 ? ((await res.json()) as { state: string; isFinal: boolean }) : undefined;
        return m?.isFinal ? m.state : undefined;
      },
      60_000,
      250,
    );
  const view = async (hash: string) => {
    await page.goto(`${consoleApp.url}/#${hash}`);
  };
  const shot = async (name: string) => {
    if (!SHOTS) return;
    await page.mouse.move(0, 799);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };
  const signIn = async (who: { name: string; password: string }) => {
    await page.goto(consoleApp.url);
    await page.getByLabel('Operator').fill(who.name);
    await page.getByLabel('Password').fill(who.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('operator').waitFor();
  };

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    pipeline = await Pipeline.start(e2eEnv({ KAFKA_LAG_INTERVAL_MS: '1000' }));
    // A real Prometheus scraping the services with the shipped job: the charts read it, the lag the broker.
    const scraped: ServiceName[] = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'];
    prometheus = await PrometheusServer.start(
      scraped.map((service) => ({ service, port: pipeline.managementPort(service) })),
      [],
    );
    consoleApp = await ConsoleProcess.start(pipeline.portOffset, pipeline.logDir, {
      CONSOLE_BOOTSTRAP_OPERATOR: `${ADMIN.name}:admin:${ADMIN.password}`,
      CONSOLE_SAMPLE_MS: '1000',
      PROMETHEUS_URL: prometheus.base,
      CONSOLE_PROMETHEUS_STEP_SECONDS: '1',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await prometheus?.stop();
    await pipeline?.stop();
    await probe.close();
  });

  it('signs in, and refuses a wrong password and every change by a viewer with field reasons', async () => {
    expect(await api('POST', '/api/session', { name: ADMIN.name, password: 'wrong-password' })).toMatchObject({
      status: 401,
      body: { fields: [{ field: 'password' }] },
    });
    expect((await api('GET', '/api/messages?q=x')).status).toBe(401);
    const admin = await api('POST', '/api/session', ADMIN);
    expect(admin.status).toBe(200);
    expect(
      await api('POST', '/api/operators', { name: 'X', role: 'boss', password: 'short' }, admin.cookie),
    ).toMatchObject({
      status: 400,
      body: { fields: [{ field: 'name' }, { field: 'role' }, { field: 'password' }] },
    });
    expect((await api('POST', '/api/operators', { ...VIEWER, role: 'viewer' }, admin.cookie)).status).toBe(201);
    const viewer = (await api('POST', '/api/session', VIEWER)).cookie;
    const phone = newPhone();
    for (const [method, pathname, body] of [
      ['POST', '/api/recipients/optouts', { phone, brand: 'acme-bank', action: 'opt_out', reason: 'viewer try' }],
      [
        'POST',
        '/api/recipients/consents',
        { phone, brand: 'acme-bank', purpose: 'marketing', legalBasis: 'consent', source: 'x' },
      ],
      ['POST', '/api/templates', { key: 'customer.registered' }],
      ['POST', '/api/templates/customer.registered/fr/activate', { version: 1 }],
      ['POST', `/api/dlq/${Topics.OrderPlaced}/replay`, { code: 'X', dryRun: true }],
      ['POST', '/api/operators', { name: 'sneaky', role: 'admin', password: 'sneaky-password-01' }],
    ] as const) {
      expect(await api(method, pathname, body, viewer)).toMatchObject({
        status: 403,
        body: { error: 'FORBIDDEN', fields: [{ field: 'role' }] },
      });
    }
    // In the browser, a viewer sees no form to change an opt-out.
    await signIn(VIEWER);
    await view('recipients');
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('Recipient token').waitFor();
    expect(await page.getByRole('form', { name: 'Change opt-out' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(ADMIN);
  });

  it('finds a message sent by the test by its id, its event id and its number, with its final state and timeline', async () => {
    const phone = newPhone();
    const messageId = await notify(phone);
    const state = await finalState(messageId);
    await view('messages');
    await page.getByLabel('Message id, event id or phone number').fill(messageId);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('final-state').textContent()).resolves.toBe(state);
    expect(await page.getByRole('table', { name: 'Timeline' }).locator('tbody tr').count()).toBeGreaterThan(1);
    await shot('messages');
    const { sourceEventId } = (await (
      await fetch(pipeline.url('receipts', `/v1/messages/${messageId}`), {
        headers: { authorization: 'Bearer e2e-receipts-key-0123456789' },
      })
    ).json()) as { sourceEventId: string };
    await page.getByLabel('Message id, event id or phone number').fill(sourceEventId);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: messageId }).waitFor();
    await page.getByLabel('Message id, event id or phone number').fill(phone);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: messageId }).waitFor();
    // A bad number: a clear message with the field's reason, no request reaches receipts.
    await page.getByLabel('Message id, event id or phone number').fill('+33 1234');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not a valid phone number/);
  });

  it('previews a template edit live: the segment count follows the body', async () => {
    await view('templates');
    await page
      .getByRole('button', { name: /^customer\.registered\/fr/ })
      .first()
      .click();
    const segments = page.getByTestId('preview-segments');
    await segments.waitFor();
    const before = Number(await segments.textContent());
    const body = page.getByLabel('Template body');
    await body.fill(`${await body.inputValue()} ${'Merci de votre confiance. '.repeat(12)}`);
    await waitFor(
      'the preview of the longer body',
      async () => (Number(await segments.textContent()) > before ? true : undefined),
      10_000,
    );
    await body.fill(`${await body.inputValue()} Ж`);
    await waitFor(
      'UCS-2 in the preview',
      async () => ((await page.getByTestId('preview-encoding').textContent()) === 'UCS-2' ? true : undefined),
      10_000,
    );
    expect(await page.locator('.preview-body mark').first().textContent()).toBe('Ж');
    await shot('templates');
  });

  it('adds an opt-out with a reason; the next message to that number is suppressed; the trail names the operator', async () => {
    const phone = newPhone();
    await view('recipients');
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Look up' }).click();
    const change = page.getByRole('form', { name: 'Change opt-out' });
    await change.getByRole('button', { name: 'Apply' }).click();
    await expect(change.getByRole('alert').textContent()).resolves.toMatch(/brand.*is required/s);
    await change.getByLabel('Brand').fill('acme-bank');
    await change.getByLabel('Reason').fill('customer asked by phone');
    await change.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('optout-acme-bank').textContent()).resolves.toBe('opted out');
    await expect(page.getByRole('table', { name: 'Opt-out history' }).textContent()).resolves.toContain(
      `/${ADMIN.name}`,
    );
    await shot('recipients');
    expect(await finalState(await notify(phone))).toBe('suppressed');
    const grant = page.getByRole('form', { name: 'Grant consent' });
    await grant.getByLabel('Brand').fill('acme-bank');
    await grant.getByLabel('Purpose').fill('marketing');
    await grant.getByLabel('Source').fill('e2e-checkout-form');
    await grant.getByRole('button', { name: 'Grant consent' }).click();
    const consents = page.getByRole('table', { name: 'Consents' });
    await waitFor(
      'the consent listed',
      async () => ((await consents.textContent())?.includes(`by e2e/${ADMIN.name}`) ? true : undefined),
      10_000,
      200,
    );
    const revoke = page.getByRole('form', { name: 'Revoke consent' });
    await revoke.getByLabel('Brand').fill('acme-bank');
    await revoke.getByLabel('Reason').fill('customer withdrew it');
    await revoke.getByRole('button', { name: 'Revoke consent' }).click();
    await waitFor(
      'the consent revoked',
      async () =>
        (await consents.locator('tbody tr td').last().textContent())?.includes(`by e2e/${ADMIN.name}`)
          ? true
          : undefined,
      10_000,
      200,
    );
  });

  it('saves an edited template as a new version and activates it, then the previous one again', async () => {
    await view('templates');
    await page
      .getByRole('button', { name: /^order\.cancelled\/fr/ })
      .first()
      .click();
    const heading = page.getByRole('heading', { name: /^order\.cancelled\/fr v\d+/ });
    const before = Number(/ v(\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
    const body = page.getByLabel('Template body');
    await body.fill(`${await body.inputValue()} Merci.`);
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const saved = page.getByRole('heading', { name: /^order\.cancelled\/fr v\d+$/ });
    await waitFor(
      'the new version in the editor',
      async () =>
        Number(/ v(\d+)/.exec((await saved.textContent().catch(() => '')) ?? '')?.[1]) > before ? true : undefined,
      10_000,
      200,
    );
    const version = Number(/ v(\d+)/.exec((await saved.textContent()) ?? '')?.[1]);
    await page.getByRole('button', { name: `Activate v${version}` }).click();
    await page.getByRole('heading', { name: `order.cancelled/fr v${version} active` }).waitFor();
    // templating's own trail names the operator too.
    const row = page.getByRole('table', { name: 'Versions' }).getByRole('row', { name: new RegExp(`^v${version} `) });
    await expect(row.textContent()).resolves.toMatch(new RegExp(`by ${ADMIN.name}.*active since .* by ${ADMIN.name}`));
    await page.getByRole('button', { name: `v${before}`, exact: true }).click();
    await page.getByRole('button', { name: `Activate v${before}` }).click();
    await page.getByRole('heading', { name: `order.cancelled/fr v${before} active` }).waitFor();
  });

  it('lists a dead letter with its headers and masked value, and replays it after a dry run', async () => {
    const marker = `e2e-console-${randomUUID()}`;
    await probe.produceRaw(Topics.OrderPlaced, [{ key: marker, value: `{"not json ${marker}` }]);
    await view('dead-letters');
    const open = page.getByRole('button', { name: `${Topics.OrderPlaced}.dlq` });
    await waitFor(
      'the dead letter listed',
      async () => {
        await open.click();
        await page.getByRole('table', { name: 'Records' }).waitFor();
        return (await page.getByRole('row', { name: new RegExp(marker) }).count()) > 0 ? true : undefined;
      },
      30_000,
      1000,
    );
    const last = page.getByRole('row', { name: new RegExp(marker) });
    await last.getByRole('button', { name: 'Details' }).click();
    await expect(page.getByRole('article', { name: 'Dead letter detail' }).textContent()).resolves.toContain(marker);
    await last.getByRole('button', { name: 'Replay (dry run)' }).click();
    await expect(page.getByTestId('dry-run').textContent()).resolves.toMatch(/would replay 1 .*dry run, nothing sent/);
    await shot('dead-letters');
    await page.getByRole('button', { name: 'Replay 1 now' }).click();
    await expect(page.getByTestId('replayed').textContent()).resolves.toMatch(/^replayed 1 /);
  });

  it('shows the lag of a stopped consumer growing in the health charts, the throughput from Prometheus', async () => {
    await view('health');
    await expect(page.getByTestId('health-source').textContent()).resolves.toMatch(
      /^Throughput, latency and delivery rates from Prometheus;/,
    );
    // The messages sent by the earlier tests, counted by Prometheus from the services' own counters.
    await waitFor(
      'throughput lines from Prometheus',
      async () =>
        (await page
          .getByRole('figure', { name: 'Throughput (records consumed/s)' })
          .locator('.recharts-line')
          .count()) > 0
          ? true
          : undefined,
      20_000,
      500,
    );
    const lag = page.getByTestId('lag-dispatch');
    await lag.waitFor();
    await pipeline.signal('dispatch', 'SIGTERM');
    // Five recipients: one number would meet compliance's per-recipient velocity limit.
    for (let i = 0; i < 5; i++) await notify(newPhone());
    await waitFor(
      'dispatch lag in the console',
      async () => (Number(await lag.textContent()) >= 5 ? true : undefined),
      60_000,
      500,
    );
    expect(
      await page.getByRole('figure', { name: 'Consumer lag per group (records)' }).locator('.recharts-line').count(),
    ).toBeGreaterThan(0);
    await shot('health');
    await pipeline.restart('dispatch');
    await waitFor(
      'dispatch caught up',
      async () => (Number(await lag.textContent()) === 0 ? true : undefined),
      60_000,
      500,
    );
  });

  it('lets an admin add an operator (a short password refused with its reason) and shows every change in the audit trail', async () => {
    await view('operators');
    const form = page.getByRole('form', { name: 'Add or reset an operator' });
    await form.getByLabel('Name').fill('e2e-support');
    await form.getByLabel('Role').selectOption('operator');
    await form.getByLabel('Password (12 characters at least)').fill('short');
    await form.getByRole('button', { name: 'Save operator' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/password.*at least 12 characters/s);
    await form.getByLabel('Password (12 characters at least)').fill('e2e-support-password-01');
    await form.getByRole('button', { name: 'Save operator' }).click();
    await page.getByRole('table', { name: 'Operators' }).getByRole('cell', { name: 'e2e-support' }).waitFor();
    const trail = (await page.getByRole('table', { name: 'Audit trail' }).textContent()) ?? '';
    for (const action of [
      'operator.upsert',
      'recipient.opt_out',
      'recipient.consent_grant',
      'recipient.consent_revoke',
      'template.create',
      'template.activate',
      'dlq.replay',
    ])
      expect(trail).toContain(action);
    await shot('operators');
  });

  it('is usable with the keyboard alone: the views are reached by Tab and Enter', async () => {
    await view('messages');
    for (
      let i = 0;
      i < 10 && (await page.evaluate<string | undefined>('document.activeElement?.textContent')) !== 'Dead letters';
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Opt-outs and consents' }).waitFor();
  });

  it('never writes a number the tests typed or sent to a log (console and services)', () => {
    const logs = [path.join(pipeline.logDir, 'console.log'), ...pipeline.logFiles()]
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(phones.length).toBeGreaterThan(5);
    expect(phones.filter((p) => logs.includes(p) || logs.includes(p.slice(1)))).toEqual([]);
  });
});

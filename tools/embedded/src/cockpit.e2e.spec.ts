/**
 * The cockpit in real headless Chromium (Debian's package) on `npm start`'s hub: a province
 * officer signs in at the embedded issuer, the app shows the overview of their region from the
 * gateway's GraphQL, and the figures on the page are the API's. Screenshots (Chinese rendered
 * with Debian's fonts-noto-cjk) go to tmp/screenshots/, or docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// what the functions run inside the page see (this file compiles without the DOM library)
declare const document: { querySelector(selector: string): { textContent: string | null } | null; documentElement: { lang: string } };
declare const window: { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };

const root = join(__dirname, '..', '..', '..');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// docs/screenshots/ holds the committed ones: UPDATE_SCREENSHOTS=1 writes there, else tmp/
const screenshots = join(root, process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs' : 'tmp', 'screenshots');
const basePort = 44100 + Math.floor(Math.random() * 500);
const gateway = `http://127.0.0.1:${basePort}`;
const keyDir = mkdtempSync(join(tmpdir(), 'educube-cockpit-'));

describe('the cockpit in a browser (npm start, headless Chromium)', () => {
  let hub: ChildProcess;
  let output = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: bash scripts/setup.sh --servers installs Debian's package`);
    if (!existsSync(join(root, 'dist', 'cockpit', 'index.html'))) throw new Error('the cockpit is not built: npm run cockpit:build (npm test builds it)');
    hub = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'launch.ts')], {
      cwd: root,
      env: {
        ...process.env,
        EDUCUBE_BASE_PORT: String(basePort),
        EDUCUBE_OPEN_BROWSER: '0',
        DATABASE_URL: '',
        KAFKA_BROKERS: '',
        ISSUER_KEY_FILE: join(keyDir, 'keys.json'),
        IDENTITY_DATA_DIR: join(keyDir, 'identity'),
        WAREHOUSE_DATA_DIR: join(keyDir, 'warehouse'),
        ASSESSMENT_DATA_DIR: join(keyDir, 'assessment'),
        EDUCUBE_SIM: 'on',
        EDUCUBE_SIM_SCHOOLS: '6',
        EDUCUBE_SIM_STUDENTS: '60',
        EDUCUBE_SIM_TEACHERS: '8',
        EDUCUBE_SIM_PROGRESS_MS: '1000',
        LIVE_POLL_MS: '1000',
        ALERTS_EVALUATE_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    hub.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!/feeder\s+info\s+identity seeded in/.test(output)) {
      if (hub.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`identity not seeded after 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })).newPage();
    mkdirSync(screenshots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (hub && hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      hub.kill('SIGINT');
      await exited;
    }
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** What the page itself asks the gateway, with the same session. */
  const api = (q: string) =>
    page.evaluate(
      async (body) => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json(),
      JSON.stringify({ query: q }),
    ) as Promise<{ data: Record<string, unknown> }>;
  const cells = (testId: string) =>
    page.locator(`[data-testid="${testId}"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

  it('sends a visitor to sign in, then back to the overview of their region', async () => {
    await page.goto(`${gateway}/`);
    await page.waitForURL((url) => url.port === String(basePort + 9));
    await page.fill('input[name="login"]', 'officer.zhejiang');
    await page.fill('input[name="password"]', 'demo');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${gateway}/`);
    await page.locator('[data-testid="tile-schools"] .value').waitFor();
    expect(await page.locator('[data-testid="who"]').textContent()).toBe('officer.zhejiang');
    expect(await page.locator('h1').textContent()).toContain('数据驾驶舱');
  });

  it('shows the API’s figures: schools, districts, Ningxia stars per district', async () => {
    const { data } = await api('{ regions { code } region(code: "330000") { schoolCount children { name schoolCount } } }');
    const region = data['region'] as { schoolCount: number; children: { name: string; schoolCount: number }[] };
    expect(await page.locator('[data-testid="tile-schools"] .value').textContent()).toBe(String(region.schoolCount));
    expect(region.schoolCount).toBe(6);
    const districts = await cells('districts-data');
    expect(districts.map((r) => [r[0], Number(r[1])])).toEqual(region.children.map((c) => [c.name, c.schoolCount]));
    const stars = await cells('ningxia-stars-data');
    expect(stars.map((r) => r[0])).toEqual(region.children.map((c) => c.name));
  });

  it('shows Ningxia’s region rulings as the API gives them: only the schools a rule changed, with the reasons', async () => {
    await page.reload();
    // the assessment reads identity's tree through a 30 s cache: right after the start it may not know the
    // province yet, and the overview shows the panel once a standings update reloads it
    await page.locator('[data-testid="ningxia-rulings"] h2').waitFor({ timeout: 90_000 });
    const shown = await cells('ningxia-rulings');
    const { data } = await api(
      '{ region(code: "330000") { ningxiaRulings { year districts { name schools { school starsAfterCap finalStars capped downgraded reasons } } } } }',
    );
    const rulings = (
      data['region'] as {
        ningxiaRulings: {
          year: number;
          districts: {
            name: string;
            schools: { school: string; starsAfterCap: number; finalStars: number; capped: boolean; downgraded: boolean; reasons: string[] }[];
          }[];
        };
      }
    ).ningxiaRulings;
    expect(await page.locator('[data-testid="ningxia-rulings"] h2').textContent()).toContain(String(rulings.year));
    const changed = rulings.districts.flatMap((d) =>
      d.schools.filter((x) => x.capped || x.downgraded).map((x) => [d.name, x.school, `${x.starsAfterCap}星`, `${x.finalStars}星`, x.reasons.join('；')]),
    );
    // the leaders may record earlier years' ratings between the page's answer and this one: what the page shows is the API's
    for (const row of shown) expect(changed).toContainEqual(row);
    if (shown.length === 0) expect(await page.locator('[data-testid="ningxia-rulings"] p').textContent()).toBe('本年度没有学校被限额或降级');
  });

  it('offers only the officer’s own subtree in the region selector', async () => {
    const options = await page.locator('[data-testid="region-select"] option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(options[0]).toBe('330000');
    expect(options.every((c) => c.startsWith('33'))).toBe(true);
  });

  it('updates the live tile without a reload and says how fresh it is', async () => {
    const age = page.locator('[data-testid="live-age"]');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="live-age"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const before = await page.locator('[data-testid="tile-events"] .value').textContent();
    // the feeder keeps streaming: the counter moves by subscription, the page never reloads
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    await page.waitForFunction((was) => document.querySelector('[data-testid="tile-events"] .value')?.textContent !== was, before, { timeout: 60_000 });
    expect(navigations).toEqual([]);
    expect(await age.textContent()).toMatch(/实时/);
    // the overview as an officer sees it once the province streams in
    await page.reload();
    await page.locator('[data-testid="ningxia-stars-data"]').waitFor({ state: 'attached' });
    await page.screenshot({ path: join(screenshots, 'cockpit-overview.png'), fullPage: true });
  });

  it('switches to English', async () => {
    await page.click('header button');
    await page.locator('h1', { hasText: 'Data cockpit' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.click('header button');
  });

  it('has no serious accessibility violations on the overview (axe-core)', async () => {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const { violations } = await page.evaluate(() => window.axe.run());
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    expect(serious).toEqual([]);
  });

  it('shows the indicator heatmap: the region’s least-met items per district', async () => {
    await page.click('[data-testid="tab-heatmap"]');
    await page.locator('[data-testid="heatmap-data"]').waitFor({ state: 'attached' });
    const rows = await cells('heatmap-data');
    const { data } = await api('{ region(code: "330000") { children { name } standing(standard: zhejiang) { items { schools } } } }');
    const region = data['region'] as { children: { name: string }[]; standing: { items: { schools: number }[] } };
    expect(rows.length).toBe(Math.min(20, region.standing.items.filter((i) => i.schools > 0).length));
    expect(rows.every((r) => r.length === 2 + region.children.length)).toBe(true);
    await page.screenshot({ path: join(screenshots, 'cockpit-heatmap.png'), fullPage: true });
  });

  it('shows twelve months of activity trends', async () => {
    await page.click('[data-testid="tab-trends"]');
    await page.locator('[data-testid="trends-data"]').waitFor({ state: 'attached' });
    const rows = await cells('trends-data');
    expect(rows).toHaveLength(12);
    const { data } = await api('{ region(code: "330000") { activity { month teacherSpaceEvents } } }');
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual(
      (data['region'] as { activity: { month: string; teacherSpaceEvents: number }[] }).activity.map((m) => [m.month, m.teacherSpaceEvents]),
    );
  });

  it('lists ingestion by source with silent sources first, and the alerts', async () => {
    await page.click('[data-testid="tab-ingestion"]');
    await page.locator('[data-testid="ingestion-table"] tbody tr').first().waitFor();
    const rows = await cells('ingestion-table');
    const silent = rows.map((r) => r[6] === '是');
    expect(silent).toEqual([...silent].sort((a, b) => Number(b) - Number(a)));
    const { data } = await api('{ region(code: "330000") { ingestion { sources { source } } } }');
    expect(rows).toHaveLength((data['region'] as { ingestion: { sources: unknown[] } }).ingestion.sources.length);
    await page.screenshot({ path: join(screenshots, 'cockpit-ingestion-alerts.png'), fullPage: true });
  });

  it('shows the region’s alerts as they are raised, and an officer acknowledges one with a note', async () => {
    // whatever the simulated province raises first (a school losing an item as its evidence moves, a bad
    // sender's reject spike under npm start's demonstration thresholds); the panel follows the subscription
    await page.click('[data-testid="tab-ingestion"]');
    await page.locator('[data-testid="alerts-age"]').waitFor();
    const raised = page.locator('[data-testid="alerts-table"] tbody tr[data-status="RAISED"]').first();
    await raised.waitFor({ timeout: 120_000 });
    const id = (await raised.getAttribute('data-alert-id')) as string;
    type ApiAlert = { id: string; kind: string; status: string; school: string; message: string; acknowledgement: { by: string; note: string | null } | null };
    const apiAlerts = async () =>
      (await api('{ region(code: "330000") { alerts(status: ALL, first: 500) { id kind status school message acknowledgement { by note } } } }')).data[
        'region'
      ] as { alerts: ApiAlert[] };
    const before = (await apiAlerts()).alerts.find((a) => a.id === id);
    expect(before).toMatchObject({ status: 'RAISED', acknowledgement: null });
    const rowText = await raised.locator('td').allTextContents();
    expect(rowText[2]).toBe(before!.school);
    expect(rowText[3]).toBe(before!.message);

    await raised.getByRole('button', { name: '确认' }).click();
    await page.getByRole('textbox', { name: '处理说明（可选）' }).fill('已联系厂商核查接口');
    await page.getByRole('button', { name: '提交' }).click();
    const acknowledged = page.locator(`[data-testid="alerts-table"] tbody tr[data-alert-id="${id}"][data-status="ACKNOWLEDGED"]`);
    await acknowledged.waitFor();
    expect(await acknowledged.locator('.ack').textContent()).toContain('已联系厂商核查接口');
    const after = (await apiAlerts()).alerts.find((a) => a.id === id);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgement: { by: expect.any(String), note: '已联系厂商核查接口' } });
    await page.screenshot({ path: join(screenshots, 'cockpit-alerts.png'), fullPage: true });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const { violations } = await page.evaluate(() => window.axe.run());
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);
  });

  it('drills into a school: standings, the score sheet with evidence and review status, the Ningxia form', async () => {
    await page.click('[data-testid="tab-school"]');
    await page.locator('[data-testid="school-list"] button').first().click();
    await page.locator('[data-testid="sheet"] tbody tr').first().waitFor();
    const sheet = await cells('sheet');
    expect(sheet.length).toBeGreaterThan(50);
    const download = page.waitForEvent('download');
    await page.click('[data-testid="form-download"]');
    expect((await download).suggestedFilename()).toMatch(/^\d{10}-ningxia-form\.html$/);
    await page.screenshot({ path: join(screenshots, 'cockpit-school.png'), fullPage: true });
  });

  it('shows a district when the officer picks it in the region selector: its schools and its own figures', async () => {
    const school = (
      (await api('{ region(code: "330000") { schools(first: 1) { edges { node { code district { code name } } } } } }')).data['region'] as {
        schools: { edges: { node: { district: { code: string; name: string } } }[] };
      }
    ).schools.edges[0]!.node.district;
    await page.click('[data-testid="tab-overview"]');
    await page.selectOption('[data-testid="region-select"]', school.code);
    await page.locator('[data-testid="tile-schools"] .note', { hasText: school.name }).waitFor();
    const { data } = await api(`{ region(code: "${school.code}") { schoolCount } }`);
    expect(await page.locator('[data-testid="tile-schools"] .value').textContent()).toBe(String((data['region'] as { schoolCount: number }).schoolCount));
    // a district has no districts below it: the charts show the district itself
    const count = (data['region'] as { schoolCount: number }).schoolCount;
    expect((await cells('districts-data')).map((r) => [r[0], Number(r[1])])).toEqual([[school.name, count]]);
    expect((await cells('ningxia-stars-data')).map((r) => r[0])).toEqual([school.name]);
    await page.screenshot({ path: join(screenshots, 'cockpit-district.png'), fullPage: true });
    await page.selectOption('[data-testid="region-select"]', '330000');
  });

  it('keeps a district officer inside their district, in the UI and on the network', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const district = await context.newPage();
    await district.goto(`${gateway}/`);
    await district.waitForURL((url) => url.port === String(basePort + 9));
    await district.fill('input[name="login"]', 'officer.haishu');
    await district.fill('input[name="password"]', 'demo');
    await district.click('button[type="submit"]');
    await district.waitForURL(`${gateway}/`);
    await district.locator('[data-testid="region-select"]').waitFor();
    const options = await district
      .locator('[data-testid="region-select"] option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(options).toEqual(['330203']);
    const answer = (await district.evaluate(async () =>
      (
        await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ a: region(code: "330100") { code } b: region(code: "330000") { code } c: region(code: "330203") { code } }' }),
        })
      ).json(),
    )) as { data: unknown };
    expect(answer.data).toEqual({ a: null, b: null, c: { code: '330203' } });
    await context.close();
  });
});

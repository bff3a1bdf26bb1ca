import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './processes';

/**
 * The cockpit's overview in real headless Chromium against the benchmark's seeded hub: how long
 * from navigation until the tiles and both charts hold their data. The officer's session cookie
 * is signed here with the gateway's session secret, exactly as the gateway's sign-in signs it
 * (@fastify/cookie: value.HMAC-SHA256 base64 without padding), so no login page is measured.
 */
export interface BrowserRuns {
  readonly available: boolean;
  readonly why?: string;
  /** ms from navigation start until the overview shows its data: the first (cold) run, then warm ones */
  readonly coldMs?: number;
  readonly warmMs?: readonly number[];
}

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// what the functions run inside the page see (this file compiles without the DOM library)
declare const performance: { now(): number };

export function sessionCookie(secret: string, officer: { sub: string; roles: string[]; regionCode: string }): string {
  const value = Buffer.from(
    JSON.stringify({
      sub: officer.sub,
      preferred_username: officer.sub,
      roles: officer.roles,
      region_code: officer.regionCode,
      school_codes: [],
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
  ).toString('base64url');
  return `${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`;
}

export async function overviewLoad(
  gatewayUrl: string,
  sessionSecret: string,
  officer: { sub: string; roles: string[]; regionCode: string },
  runs = 6,
): Promise<BrowserRuns> {
  if (!existsSync(chromiumPath)) return { available: false, why: `no Chromium at ${chromiumPath}` };
  if (!existsSync(join(root, 'dist', 'cockpit', 'index.html'))) return { available: false, why: 'the cockpit is not built (npm run cockpit:build)' };
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await context.addCookies([{ name: 'educube_session', value: sessionCookie(sessionSecret, officer), url: gatewayUrl }]);
    const page = await context.newPage();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${gatewayUrl}/`);
      await page.locator('[data-testid="ningxia-stars-data"] tbody tr').first().waitFor({ state: 'attached', timeout: 30_000 });
      await page.locator('[data-testid="districts-data"] tbody tr').first().waitFor({ state: 'attached', timeout: 30_000 });
      const schools = await page.locator('[data-testid="tile-schools"] .value').textContent();
      if (!schools || schools === '0') throw new Error(`the overview showed ${schools} schools`);
      times.push(await page.evaluate(() => performance.now()));
    }
    const [coldMs, ...warmMs] = times;
    return { available: true, ...(coldMs === undefined ? {} : { coldMs }), warmMs };
  } finally {
    await browser.close();
  }
}

import { startService } from '@educube/service-kit';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { gatewayConfigSchema, gatewayService } from './service';

// Single sign-on through the real Keycloak (scripts/stack): a person signs in once on Keycloak's
// page at one gateway, then opens a second gateway (another registered app, same realm) and is
// let in without seeing the login page again. Needs `npm run stack` and Debian's chromium.
const keycloak = (process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080').replace(/\/$/, '');
const issuer = `${keycloak}/realms/educube`;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const screenshots = join(__dirname, '..', '..', '..', 'tmp', 'screenshots');

type Gateway = Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;
const startGateway = (sessionSecret: string): Promise<Gateway> =>
  startService(gatewayService, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    UPSTREAM_HEALTH_URLS: 'identity=http://127.0.0.1:1',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'educube-gateway',
    OIDC_CLIENT_SECRET: process.env['OIDC_CLIENT_SECRET'] ?? 'dev-gateway-secret',
    SESSION_SECRET: sessionSecret,
  });

describe('single sign-on through Keycloak in a browser', () => {
  let first: Gateway;
  let second: Gateway;
  let browser: Browser;
  let page: Page;
  const shots: string[] = [];

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `no Chromium at ${chromiumPath}: install Debian's package (apt-get install -y chromium, or bash scripts/setup.sh --servers) or set CHROMIUM_PATH`,
      );
    }
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`).catch((e: unknown) => e as Error);
    if (discovery instanceof Error || !discovery.ok) {
      throw new Error(
        `Keycloak does not answer at ${issuer} (start it with npm run stack, or set KEYCLOAK_URL): ${discovery instanceof Error ? discovery.message : discovery.status}`,
      );
    }
    // Two apps with their own session secrets: the first one's cookie means nothing to the second.
    first = await startGateway('first-gateway-session-secret-0123456789');
    second = await startGateway('second-gateway-session-secret-987654321');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await (await browser.newContext()).newPage();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await first?.close();
    await second?.close();
    if (shots.length) process.stdout.write(`screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`);
  });

  const shoot = async (name: string) => {
    const path = join(screenshots, name);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  };

  it('sends /me to Keycloak, and back to /me with the officer’s region and role after login', async () => {
    const started = performance.now();
    await page.goto(`${first.url}/me`);
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/auth`));
    await page.locator('#username').waitFor();
    await shoot('keycloak-login.png');

    await page.fill('#username', 'officer.haishu');
    await page.fill('#password', 'Passw0rd!');
    await page.click('#kc-login');
    await page.waitForURL(`${first.url}/me`);
    await expect(page.locator('#username').textContent()).resolves.toBe('officer.haishu');
    await expect(page.locator('#region').textContent()).resolves.toBe('330203');
    await expect(page.locator('#roles').textContent()).resolves.toContain('district_officer');
    await shoot('gateway-me.png');
    process.stdout.write(`first login through Keycloak: ${Math.round(performance.now() - started)} ms\n`);
  });

  it('reaches the second app’s /me without logging in again (Keycloak’s SSO session)', async () => {
    const started = performance.now();
    const response = await page.goto(`${second.url}/me`);
    expect(page.url()).toBe(`${second.url}/me`);
    // It did go to Keycloak (a real OIDC round trip, not a shared cookie) and was sent straight back.
    const hops = redirectChain(response?.request());
    expect(hops.some((u) => u.startsWith(`${issuer}/protocol/openid-connect/auth`))).toBe(true);
    expect(hops.some((u) => u.startsWith(`${second.url}/auth/callback?`))).toBe(true);
    await expect(page.locator('#username').textContent()).resolves.toBe('officer.haishu');
    await expect(page.locator('#region').textContent()).resolves.toBe('330203');
    await expect(page.locator('#roles').textContent()).resolves.toContain('district_officer');
    await shoot('gateway-me-second-app.png');
    process.stdout.write(`second app, no login page: ${Math.round(performance.now() - started)} ms\n`);
  });

  it('signs out at the app and at Keycloak: the next /me asks for the password again', async () => {
    await page.goto(`${first.url}/logout`);
    // RP-initiated logout without an ID token hint: Keycloak asks to confirm, then returns to the app
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/logout`));
    await shoot('keycloak-logout.png');
    await page.click('#kc-logout');
    await page.waitForURL(`${first.url}/`);
    expect((await page.context().cookies(first.url)).map((c) => c.name)).not.toContain('educube_session');

    await page.goto(`${first.url}/me`);
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/auth`));
    await page.locator('#password').waitFor();
  });
});

/** The URLs a navigation passed through, first to last (HTTP redirects). */
function redirectChain(request: Request | undefined): string[] {
  const chain: string[] = [];
  for (let r = request; r; r = r.redirectedFrom() ?? undefined) chain.unshift(r.url());
  return chain;
}

/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { Locator, Page } from 'playwright-core';
import { buildApp } from '../../src/http/app.js';
import { FIXTURES } from '../helpers.js';
import { indexOf, realIndex } from '../http/helpers.js';
import { hostSite, launchChromium } from './browser.js';

/**
 * The widget in a real browser, embedded in a page of another origin than the
 * API, as a site embedding it would: typing, chips, keyboard, the error state
 * when the API goes away, hostile archive text, browse mode, the demo page.
 */
const SCREENSHOTS = fileURLToPath(new URL('../../.tap/browser/', import.meta.url));

async function listening(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const hostile = `${FIXTURES}hostile`;

t.test('the widget in a real browser, embedded from another origin', async (parent) => {
  const api = await buildApp({ index: await realIndex() });
  const apiUrl = await listening(api);
  const hostileApi = await buildApp({ index: await indexOf(hostile) });
  const hostileUrl = await listening(hostileApi);
  parent.teardown(() => Promise.all([api.close(), hostileApi.close()]));

  const embed = (endpoint: string, attributes = 'limit="5"') => `<!doctype html>
  <html><head><meta charset="utf-8"><title>A site embedding the widget</title>
  <script type="module" src="${endpoint}/widget.js"></script>
  <style>ebpf-updates-search{--ebpf-accent:rgb(200, 0, 0)}</style></head>
  <body><h1>Someone else's page</h1><p class="result">host text with <mark id="host-mark">a mark</mark></p>
  <ebpf-updates-search endpoint="${endpoint}" debounce="60" ${attributes}></ebpf-updates-search>
  </body></html>`;
  const site = await hostSite({
    '/': embed(apiUrl),
    '/latest': embed(apiUrl, 'mode="latest" filters="kernel=5.13" limit="3"'),
    '/hostile': embed(hostileUrl),
  });
  parent.teardown(() => new Promise((resolve) => site.server.close(resolve)));
  parent.not(new URL(site.url).origin, new URL(apiUrl).origin, 'the page and the API are different origins');

  const browser = await launchChromium();
  parent.teardown(() => browser.close());

  /** A fresh page on the host site, failing the test on any script error or dialog (an XSS would open one). */
  async function open(t: Test, path: string): Promise<{ page: Page; widget: Locator; searches: string[] }> {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    parent.teardown(() => page.close());
    const searches: string[] = [];
    page.on('request', (r) => r.url().includes('/search') && searches.push(r.url()));
    page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));
    page.on('dialog', (dialog) => {
      t.fail(`a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(site.url + path);
    const widget = page.locator('ebpf-updates-search');
    return { page, widget, searches };
  }

  const state = (widget: Locator, value: string) => widget.and(widget.page().locator(`[data-state=${value}]`)).waitFor();
  const statusCount = async (widget: Locator) => Number((await widget.locator('.status').textContent())!.match(/^(\d+) item/)![1]);

  await parent.test('typing `tail calls` shows "The Cost of BPF Tail Calls" first, fetched across origins, debounced', async (t) => {
    const { widget, searches } = await open(t, '/');
    const input = widget.getByRole('combobox', { name: 'Search eBPF Updates' });
    await input.pressSequentially('tail calls', { delay: 20 });
    await state(widget, 'results');
    const options = widget.getByRole('option');
    t.equal(await options.first().locator('.title').textContent(), 'The Cost of BPF Tail Calls');
    t.ok(searches.length >= 1 && searches.length < 'tail calls'.length, `debounced: ${searches.length} requests for 10 keystrokes`);
    t.match(searches[0], 'fields=title%2Curl%2Cpermalink', 'asks only for the fields it shows');
    t.match(await options.first().locator('.meta').textContent(), /^Issue #\d+ · \d{4}-\d{2}(-\d{2})? · .+/);
    t.ok((await options.first().locator('.snippet mark').count()) > 0, 'the snippet has its matches marked');
    t.equal(await options.first().getByRole('link', { name: 'Permalink' }).getAttribute('href'), `${apiUrl}/items/${encodeURIComponent(((await (await fetch(`${apiUrl}/search?q=tail+calls&limit=1`)).json()) as { hits: { id: string }[] }).hits[0]!.id)}`);
    t.equal(await input.getAttribute('aria-expanded'), 'true');
    t.equal(await widget.getByRole('listbox', { name: 'Results' }).count(), 1, 'results are a labelled listbox');
  });

  await parent.test('an author chip narrows the results to that author, and unpressing it widens them again', async (t) => {
    const { widget } = await open(t, '/');
    await widget.getByRole('combobox').fill('xdp');
    await state(widget, 'results');
    const before = await statusCount(widget);
    const chip = widget.locator('button.chip[data-facet=author][aria-pressed=false]').first();
    const author = (await chip.evaluate((b) => b.firstChild!.textContent))!;
    await chip.click();
    await widget.locator('button.chip[data-facet=author][aria-pressed=true]').waitFor();
    await state(widget, 'results');
    const after = await statusCount(widget);
    t.ok(after < before, `narrowed from ${before} to ${after}`);
    for (const meta of await widget.locator('.result .meta').allTextContents()) t.match(meta, author, `credited to ${author}`);
    await widget.locator('button.chip[aria-pressed=true]').click();
    await widget.locator('button.chip[aria-pressed=true]').waitFor({ state: 'detached' });
    await state(widget, 'results');
    t.equal(await statusCount(widget), before);
  });

  await parent.test('the keyboard moves through results, Enter opens the active one, Escape clears', async (t) => {
    const { page, widget } = await open(t, '/');
    const input = widget.getByRole('combobox');
    await input.fill('ring buffer');
    await state(widget, 'results');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    await input.press('ArrowDown');
    const second = widget.getByRole('option').nth(1);
    t.equal(await input.getAttribute('aria-activedescendant'), 'result-1');
    t.equal(await second.getAttribute('aria-selected'), 'true');
    t.not(await second.evaluate((li) => getComputedStyle(li).borderColor), 'rgba(0, 0, 0, 0)', 'the active result is visibly outlined');
    t.equal(await widget.getByRole('option').first().getAttribute('aria-selected'), 'false');

    await input.press('Escape');
    await state(widget, 'idle');
    t.equal(await input.inputValue(), '');
    t.equal(await widget.getByRole('option').count(), 0);

    await input.fill('ring buffer');
    await state(widget, 'results');
    const href = (await widget.getByRole('option').first().locator('.title').getAttribute('href'))!;
    t.match(href, /^https?:\/\//);
    // The item's page is elsewhere on the web: answer it here, so opening it is all that is tested.
    await page.route('**/*', (route) => (route.request().url() === href ? route.fulfill({ contentType: 'text/html', body: '<p>the item</p>' }) : route.continue()));
    await input.press('ArrowDown');
    await Promise.all([page.waitForURL(href), input.press('Enter')]);
    t.equal(page.url(), href, 'Enter opened the active result');
  });

  await parent.test('hostile archive text shows as text: only <mark> elements are ever made from it', async (t) => {
    const { widget } = await open(t, '/hostile');
    await widget.getByRole('combobox').fill('tail');
    await state(widget, 'results');
    const title = widget.getByRole('option').first().locator('.title');
    t.match(await title.textContent(), '<img src=x onerror=alert(1)> tail calls');
    t.match(await widget.locator('.snippet').first().textContent(), '<b>tags</b> & entities, <img src=y onerror=alert(5)> and');
    t.match(await widget.locator('.meta').first().textContent(), 'from Mallory Example');
    const made = await widget.evaluate((host) => Array.from(host.shadowRoot!.querySelectorAll('.result *')).map((e) => e.tagName));
    t.same([...new Set(made)].sort(), ['A', 'DIV', 'MARK', 'P'], 'no img, script or b element');
    t.equal(await title.getAttribute('href'), await widget.getByRole('link', { name: 'Permalink' }).first().getAttribute('href'), 'a javascript: link is never an href; the permalink stands in');
  });

  await parent.test('a poisoned answer (a javascript: permalink, as a cache poisoned through forwarded headers would serve) never becomes an href', async (t) => {
    const { page, widget } = await open(t, '/');
    const poisoned = 'javascript://%0aalert(document.domain)/items/x';
    await page.route(`${apiUrl}/search?**`, async (route) => {
      const answer = (await (await route.fetch()).json()) as { hits: { url: string | null; permalink: string }[] };
      for (const [i, hit] of answer.hits.entries()) {
        hit.permalink = poisoned;
        if (i === 0) hit.url = null;
      }
      await route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(answer) });
    });
    const input = widget.getByRole('combobox');
    await input.fill('xdp');
    await state(widget, 'results');
    const hrefs = await widget.evaluate((host) => Array.from(host.shadowRoot!.querySelectorAll('a')).map((a) => a.getAttribute('href')));
    t.ok(hrefs.length > 0);
    t.notOk(hrefs.some((h) => h !== null && !/^https?:/.test(h)), `only web links: ${JSON.stringify([...new Set(hrefs)].slice(0, 4))}`);
    t.equal(await widget.getByRole('link', { name: 'Permalink' }).count(), 0, 'no Permalink link to a non-web address');
    const before = page.url();
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForTimeout(200);
    t.equal(page.url(), before, 'Enter on a result with no web link goes nowhere (and runs nothing: a dialog would fail the test)');
  });

  await parent.test('browse mode lists the newest items for a filter, read-only', async (t) => {
    const { widget } = await open(t, '/latest');
    await state(widget, 'results');
    t.equal(await widget.getByRole('combobox').count(), 0, 'no search box');
    const expected = ((await (await fetch(`${apiUrl}/search?kernel=5.13&sort=-date&limit=3`)).json()) as { hits: { permalink: string }[] }).hits.map((h) => h.permalink);
    t.same(await widget.getByRole('link', { name: 'Permalink' }).evaluateAll((links) => links.map((a) => a.getAttribute('href'))), expected, 'the three newest items about 5.13');
  });

  await parent.test('styles stay inside the widget and are themed by custom properties', async (t) => {
    const { page, widget } = await open(t, '/');
    await widget.getByRole('combobox').fill('xdp');
    await state(widget, 'results');
    t.equal(await widget.locator('.title').first().evaluate((a) => getComputedStyle(a).color), 'rgb(200, 0, 0)', '--ebpf-accent themes the titles');
    const hostMark = await page.locator('#host-mark').evaluate((m) => getComputedStyle(m).backgroundColor);
    const widgetMark = await widget.locator('.snippet mark').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    t.not(hostMark, widgetMark, "the host page's <mark> keeps its own look");
    t.equal(await page.locator('p.result').evaluate((p) => getComputedStyle(p).cursor), 'auto', "the widget's .result rule does not reach the host's .result");
    t.equal(await widget.evaluate((host) => host.shadowRoot!.mode), 'open');
  });

  await parent.test('the demo page: the widget works under its strict CSP; a screenshot is saved', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
    parent.teardown(() => page.close());
    const refused: string[] = [];
    page.on('console', (m) => m.type() === 'error' && refused.push(m.text()));
    const response = await page.goto(`${apiUrl}/`);
    t.match(response!.headers()['content-security-policy'], "script-src 'self'");
    const widget = page.locator('ebpf-updates-search').first();
    await widget.getByRole('combobox').fill('tail calls');
    await state(widget, 'results');
    await page.locator('ebpf-updates-search[mode=latest][data-state=results]').waitFor();
    t.equal(await widget.getByRole('option').first().locator('.title').textContent(), 'The Cost of BPF Tail Calls');
    t.same(refused, [], 'no CSP refusal or error in the console');
    t.ok(await page.getByRole('link', { name: '/docs' }).count(), 'links to /docs');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}demo.png`, fullPage: true });
  });

  await parent.test('Swagger UI at /docs runs under its own CSP (helmet denies everything else)', async (t) => {
    const page = await browser.newPage();
    t.teardown(() => page.close());
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${apiUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    t.match(await page.locator('.swagger-ui .info .title').textContent(), 'eBPF Updates');
    await page.locator('.opblock-summary-path', { hasText: '/search' }).first().waitFor();
    t.same(errors, [], 'nothing refused');
  });

  // Last: it stops the API.
  await parent.test('when the API goes away the widget says so', async (t) => {
    const { widget } = await open(t, '/');
    await widget.getByRole('combobox').fill('xdp');
    await state(widget, 'results');
    await api.close();
    await widget.getByRole('combobox').fill('verifier');
    await state(widget, 'error');
    t.match(await widget.locator('.status').textContent(), /cannot be reached/);
    t.equal(await widget.getByRole('option').count(), 0, 'no stale results');
    t.equal(await widget.locator('.status').getAttribute('role'), 'status', 'announced to assistive technology');
  });
});

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

  /** Waits for a state, and with `query` for the answer to that text: not the answer to a half-typed word. */
  const state = (widget: Locator, value: string, query?: string) =>
    widget.and(widget.page().locator(query === undefined ? `[data-state=${value}]` : `[data-state=${value}][data-query=${JSON.stringify(query)}]`)).waitFor();
  const statusCount = async (widget: Locator) => Number((await widget.locator('.status').textContent())!.match(/^(\d+) item/)![1]);

  await parent.test('typing `tail calls` shows "The Cost of BPF Tail Calls" first, fetched across origins, debounced', async (t) => {
    const { widget, searches } = await open(t, '/');
    const input = widget.getByRole('searchbox', { name: 'Search eBPF Updates' });
    await input.pressSequentially('tail calls', { delay: 20 });
    await state(widget, 'results', 'tail calls');
    const options = widget.getByRole('list', { name: 'Results' }).getByRole('listitem');
    t.equal(await options.first().locator('.title').textContent(), 'The Cost of BPF Tail Calls');
    t.ok(searches.length >= 1 && searches.length < 'tail calls'.length, `debounced: ${searches.length} requests for 10 keystrokes`);
    t.match(searches[0], 'fields=title%2Curl%2Cpermalink', 'asks only for the fields it shows');
    t.match(await options.first().locator('.meta').textContent(), /^Issue #\d+ · \d{4}-\d{2}(-\d{2})? · .+/);
    t.ok((await options.first().locator('.snippet mark').count()) > 0, 'the snippet has its matches marked');
    t.equal(await options.first().getByRole('link', { name: 'Permalink' }).getAttribute('href'), `${apiUrl}/items/${encodeURIComponent(((await (await fetch(`${apiUrl}/search?q=tail+calls&limit=1`)).json()) as { hits: { id: string }[] }).hits[0]!.id)}`);
    t.equal(await widget.getByRole('list', { name: 'Results' }).count(), 1, 'results are a labelled list');
  });

  await parent.test('an author chip narrows the results to that author, and unpressing it widens them again', async (t) => {
    const { widget } = await open(t, '/');
    await widget.getByRole('searchbox').fill('xdp');
    await state(widget, 'results', 'xdp');
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

  await parent.test('the arrow keys move through the results and back to the box, Enter opens the focused one, Escape clears', async (t) => {
    const { page, widget } = await open(t, '/');
    const input = widget.getByRole('searchbox');
    await input.fill('ring buffer');
    await state(widget, 'results', 'ring buffer');
    const focused = () => widget.evaluate((host) => {
      const active = host.shadowRoot!.activeElement;
      const results = Array.from(host.shadowRoot!.querySelectorAll('.result'));
      return active ? `${active.className || active.tagName.toLowerCase()}@${results.findIndex((r) => r.contains(active))}` : 'none';
    });
    await input.press('ArrowDown');
    t.equal(await focused(), 'title@0', 'Down from the box: the first title');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    t.equal(await focused(), 'title@1');
    const second = widget.locator('.result').nth(1);
    t.not(await second.evaluate((li) => getComputedStyle(li).borderColor), 'rgba(0, 0, 0, 0)', 'the focused result is visibly outlined');
    t.equal(await widget.locator('.result').first().evaluate((li) => getComputedStyle(li).borderColor), 'rgba(0, 0, 0, 0)');
    await page.keyboard.press('Escape');
    t.equal(await focused(), 'input@-1', 'Escape in the results: back to the box, text kept');
    t.equal(await input.inputValue(), 'ring buffer');
    await input.press('ArrowUp');
    t.equal(await focused(), `title@${(await widget.locator('.result').count()) - 1}`, 'Up from the box: the last title');

    await input.focus();
    await input.press('Escape');
    await state(widget, 'idle', '');
    t.equal(await input.inputValue(), '');
    t.equal(await widget.locator('.result').count(), 0);

    await input.fill('ring buffer');
    await state(widget, 'results', 'ring buffer');
    const href = (await widget.locator('.result').first().locator('.title').getAttribute('href'))!;
    t.match(href, /^https?:\/\//);
    // The item's page is elsewhere on the web: answer it here, so opening it is all that is tested.
    await page.route('**/*', (route) => (route.request().url() === href ? route.fulfill({ contentType: 'text/html', body: '<p>the item</p>' }) : route.continue()));
    await input.press('ArrowDown');
    await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')]);
    t.equal(page.url(), href, 'Enter opened the focused result');
  });

  await parent.test('Tab reaches every link, in reading order: chips, then each result\'s title, Original and Permalink', async (t) => {
    const { page, widget } = await open(t, '/');
    const input = widget.getByRole('searchbox');
    await input.fill('ring buffer');
    await state(widget, 'results', 'ring buffer');
    const expected = await widget.evaluate((host) =>
      Array.from(host.shadowRoot!.querySelectorAll('button.chip, .result a[href]')).map((e) => e.getAttribute('aria-label') ?? e.textContent),
    );
    t.ok(expected.filter((name) => /^Permalink: /.test(name ?? '')).length >= 2, 'results with links to reach');
    const reached: (string | null)[] = [];
    await input.focus();
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press('Tab');
      reached.push(await widget.evaluate((host) => {
        const active = host.shadowRoot!.activeElement;
        return active ? (active.getAttribute('aria-label') ?? active.textContent) : null;
      }));
    }
    t.same(reached, expected, 'each in turn, none skipped');
    const names = expected.filter((name) => /^(Original|Permalink): /.test(name ?? ''));
    t.equal(new Set(names).size, names.length, 'each link named for its result');
  });

  await parent.test('chips are named "label, N items" for assistive technology', async (t) => {
    const { widget } = await open(t, '/');
    await widget.getByRole('searchbox').fill('xdp');
    await state(widget, 'results', 'xdp');
    const names = await widget.locator('button.chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));
    t.ok(names.length > 0);
    for (const name of names) t.match(name, /^.+, \d+ items?$/, `${name}`);
    const first = widget.locator('button.chip').first();
    const value = (await first.evaluate((b) => b.firstChild!.textContent))!;
    const count = Number(await first.locator('.n').textContent());
    t.equal(await widget.getByRole('button', { name: `${value}, ${count} ${count === 1 ? 'item' : 'items'}`, exact: true }).count(), 1, 'found by that name');
    await first.click();
    await widget.locator('button.chip[aria-pressed=true]').waitFor();
    t.equal(await widget.locator('button.chip[aria-pressed=true]').getAttribute('aria-label'), `${value}, remove this filter`);
  });

  await parent.test('hostile archive text shows as text: only <mark> elements are ever made from it', async (t) => {
    const { widget } = await open(t, '/hostile');
    await widget.getByRole('searchbox').fill('tail');
    await state(widget, 'results', 'tail');
    const title = widget.locator('.result').first().locator('.title');
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
    const input = widget.getByRole('searchbox');
    await input.fill('xdp');
    await state(widget, 'results', 'xdp');
    const hrefs = await widget.evaluate((host) => Array.from(host.shadowRoot!.querySelectorAll('a')).map((a) => a.getAttribute('href')));
    t.ok(hrefs.length > 0);
    t.notOk(hrefs.some((h) => h !== null && !/^https?:/.test(h)), `only web links: ${JSON.stringify([...new Set(hrefs)].slice(0, 4))}`);
    t.equal(await widget.getByRole('link', { name: 'Permalink' }).count(), 0, 'no Permalink link to a non-web address');
    const before = page.url();
    await input.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    t.equal(page.url(), before, 'Enter on a result with no web link goes nowhere (and runs nothing: a dialog would fail the test)');
  });

  await parent.test('browse mode lists the newest items for a filter, read-only, with one request', async (t) => {
    const { page, widget, searches } = await open(t, '/latest');
    await state(widget, 'results');
    t.equal(await widget.getByRole('searchbox').count(), 0, 'no search box');
    await page.waitForTimeout(300);
    t.equal(searches.length, 1, `one request for the list: ${JSON.stringify(searches)}`);
    const aborted: string[] = [];
    page.on('requestfailed', (r) => aborted.push(r.url()));
    await page.reload();
    await state(widget, 'results');
    await page.waitForTimeout(300);
    t.equal(searches.length, 2, 'one more on reload');
    t.same(aborted, [], 'none started only to be aborted');
    const expected = ((await (await fetch(`${apiUrl}/search?kernel=5.13&sort=-date&limit=3`)).json()) as { hits: { permalink: string }[] }).hits.map((h) => h.permalink);
    t.same(await widget.getByRole('link', { name: 'Permalink' }).evaluateAll((links) => links.map((a) => a.getAttribute('href'))), expected, 'the three newest items about 5.13');
  });

  await parent.test('styles stay inside the widget and are themed by custom properties', async (t) => {
    const { page, widget } = await open(t, '/');
    await widget.getByRole('searchbox').fill('xdp');
    await state(widget, 'results', 'xdp');
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
    await widget.getByRole('searchbox').fill('tail calls');
    await state(widget, 'results', 'tail calls');
    await page.locator('ebpf-updates-search[mode=latest][data-state=results]').waitFor();
    t.equal(await widget.locator('.result').first().locator('.title').textContent(), 'The Cost of BPF Tail Calls');
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
    await widget.getByRole('searchbox').fill('xdp');
    await state(widget, 'results', 'xdp');
    await api.close();
    await widget.getByRole('searchbox').fill('verifier');
    await state(widget, 'error');
    t.match(await widget.locator('.status').textContent(), /cannot be reached/);
    t.equal(await widget.locator('.result').count(), 0, 'no stale results');
    t.equal(await widget.locator('.status').getAttribute('role'), 'status', 'announced to assistive technology');
  });
});

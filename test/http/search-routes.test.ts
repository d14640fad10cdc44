import t from 'tap';
import { appFor, realIndex } from './helpers.js';

const index = await realIndex();

t.test('GET /search returns ranked hits with every field a widget needs', async (t) => {
  const app = await appFor(t, index);
  const res = await app.inject({ url: '/search?q=tail+calls&limit=1&facets=author,project,kernel,section,issue,year' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  const body = res.json();
  t.match(body, { query: { q: 'tail calls', sort: 'relevance' }, total: 2, offset: 0, limit: 1, relaxed: false });
  t.type(body.tookMs, 'number');
  t.equal(body.hits.length, 1);
  t.match(body.hits[0], {
    id: '5-the-cost-of-bpf-tail-calls',
    kind: 'entry',
    title: 'The Cost of BPF Tail Calls',
    url: 'https://pchaigno.github.io/ebpf/2021/03/22/cost-bpf-tail-calls.html',
    permalink: 'http://localhost:80/items/5-the-cost-of-bpf-tail-calls',
    issue: { number: 5, date: '2021-05-04', url: 'https://ebpf.io/blog/ebpf-updates-2021-05' },
    sectionPath: ['New Resources', 'Deep Dives'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-2021-05#deep-dives',
    authors: ['Paul Chaignon'],
    projects: [],
    kernelVersions: ['5.5', '5.10'],
    date: '2021-03-22',
    highlight: { title: 'The Cost of BPF <mark>Tail</mark> <mark>Calls</mark>' },
  });
  t.match(body.hits[0].snippet, /<mark>tail<\/mark> <mark>calls<\/mark>/);
  t.type(body.hits[0].score, 'number');
  t.notOk('text' in body.hits[0], 'hits stay small: no full text or markdown');
  t.same(Object.keys(body.facets).sort(), ['author', 'issue', 'kernel', 'project', 'section', 'year'], 'every facet asked for');
  t.same((await app.inject({ url: '/search?q=tail+calls' })).json().facets, {}, 'no facets unless asked: answers stay small');
});

t.test('GET /search: filters as parameters, repeated means OR', async (t) => {
  const app = await appFor(t, index);
  const kernel = (await app.inject({ url: '/search?kernel=5.13&limit=100&facets=none' })).json();
  t.equal(kernel.total, 17);
  t.ok(kernel.hits.every((h: { issue: { number: number }; sectionPath: string[] }) => h.issue.number === 5 && h.sectionPath[0] === 'The Kernel Side'));
  t.same(kernel.facets, {});
  const andrii = (await app.inject({ url: '/search?author=Andrii%20Nakryiko&facets=author&facetLimit=1' })).json();
  t.equal(andrii.total, 8);
  t.same(andrii.facets.author, [{ value: 'Andrii Nakryiko', count: 8 }]);
  const either = (await app.inject({ url: '/search?author=Andrii+Nakryiko&author=KP+Singh&facets=none' })).json();
  t.equal(either.total, 13, '8 + 5');
  const both = (await app.inject({ url: '/search?author=Andrii+Nakryiko&issue=5&facets=none' })).json();
  t.equal(both.total, 2);
  const range = (await app.inject({ url: '/search?from=2021-03&to=2021-03&limit=100&facets=none' })).json();
  t.ok(range.total > 0 && range.hits.every((h: { date: string | null }) => h.date?.startsWith('2021-03')));
  const section = (await app.inject({ url: '/search?section=xdp&facets=none' })).json();
  t.equal(section.total, 4);
});

t.test('GET /search without q lists newest first; paging keeps total', async (t) => {
  const app = await appFor(t, index);
  const first = (await app.inject({ url: '/search?limit=5&facets=issue,year' })).json();
  const second = (await app.inject({ url: '/search?limit=5&offset=5' })).json();
  t.equal(first.total, 202, '203 items; the link featured in #1 and #5 is one hit');
  t.equal(second.total, 202);
  t.equal(first.query.sort, '-date');
  t.equal(first.hits[0].issue.number, 5);
  t.notSame(first.hits[0].id, second.hits[0].id);
  const sum = (facet: { count: number }[]) => facet.reduce((s, f) => s + f.count, 0);
  t.equal(sum(first.facets.issue), 202, 'facet counts add up to total');
  t.equal(sum(first.facets.year), 202);
});

t.test('GET /search: bad input is a 400 that says what was wrong, never a 500', async (t) => {
  const app = await appFor(t, index);
  const cases: [string, RegExp, string?][] = [
    ['/search?foo=1', /unknown query parameter "foo"/, 'foo'],
    ['/search?limit=0', /invalid query parameter "limit": must be >= 1/, 'limit'],
    ['/search?limit=1000', /invalid query parameter "limit": must be <= 100/, 'limit'],
    ['/search?limit=ten', /invalid query parameter "limit": must be integer/, 'limit'],
    ['/search?offset=-1', /invalid query parameter "offset": must be >= 0/, 'offset'],
    ['/search?offset=10001', /invalid query parameter "offset": must be <= 10000/, 'offset'],
    ['/search?kernel=banana', /invalid kernel "banana" in parameter "kernel"/, 'kernel'],
    ['/search?issue=abc', /invalid issue "abc" in parameter "issue"/, 'issue'],
    ['/search?issue=0', /invalid issue "0"/, 'issue'],
    ['/search?from=yesterday', /invalid date "yesterday" in parameter "from"/, 'from'],
    [`/search?q=${'a'.repeat(513)}`, /invalid query parameter "q": must NOT have more than 512 characters/, 'q'],
    ['/search?q=%22tail+calls', /unbalanced quote at position 1 of q/, 'q'],
    ['/search?q=colour:blue', /unknown field "colour" in "colour:blue"/, 'q'],
    ['/search?q=kernel:banana', /invalid kernel "banana" in "kernel:banana"/, 'q'],
    ['/search?sort=popular', /invalid query parameter "sort": must be one of relevance, date, -date/, 'sort'],
    ['/search?facets=author,colour', /invalid query parameter "facets"/, 'facets'],
    ['/search?q=a&q=b', /invalid query parameter "q"/, 'q'],
  ];
  for (const [url, message, parameter] of cases) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 400, url.slice(0, 60));
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message, ...(parameter ? { parameter } : {}) }, url.slice(0, 60));
    t.equal(res.headers['cache-control'], 'no-store');
  }
  const token = (await app.inject({ url: '/search?q=xdp+colour:blue' })).json();
  t.equal(token.token, 'colour:blue', 'the offending token is named');
});

t.test('GET /suggest completes a search box', async (t) => {
  const app = await appFor(t, index);
  const res = await app.inject({ url: '/suggest?q=tai' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { query: 'tai', suggestions: [{ text: 'tail' }] });
  const many = (await app.inject({ url: '/suggest?q=b' })).json();
  t.ok(many.suggestions.length <= 10);
  t.equal((await app.inject({ url: '/suggest?q=ebpf&limit=2' })).json().suggestions.length <= 2, true);
  t.equal((await app.inject({ url: '/suggest' })).statusCode, 400, 'q is required');
  t.match((await app.inject({ url: '/suggest?q=x&limit=11' })).json(), { statusCode: 400, parameter: 'limit' });
});

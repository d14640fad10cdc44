import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/http/app.js';
import { ArchiveReader, loadVocabulary } from '../../src/ingest/index.js';
import { FirstSeen } from '../../src/service/first-seen.js';
import { Reloader } from '../../src/service/reloader.js';
import { IndexHolder, buildSearchIndex, loadSynonyms } from '../../src/search/index.js';
import { copySmallArchive } from '../archive-copy.js';
import { FIXTURES } from '../helpers.js';
import { capturedLogger } from '../http/helpers.js';

/**
 * When the service first indexed each item: rebuilt from issue dates when
 * there is no record, `now` for what arrives later, kept across restarts; and
 * what bots do with it (`since`, feeds' updated times). The archive is a
 * copy of our small one (issues #1 to #3): its dates are what matters, and it
 * is read in a moment at each of the service's starts.
 */
const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();
const NEW_ISSUE = `${FIXTURES}new-issue/index.md`;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The service's way of serving: a reader, a holder, a reloader, one FirstSeen at `file` with a clock the test sets. */
async function service(t: Test, root: string, file: string, clock: { now: Date }, logger = pino({ level: 'silent' })) {
  const reader = new ArchiveReader(root, { vocabulary });
  const firstSeen = FirstSeen.open(file, logger, () => clock.now);
  const holder = new IndexHolder();
  const source = { kind: 'configured' as const, dir: root };
  holder.set(buildSearchIndex((await reader.read()).archive, { vocabulary, synonyms, firstSeen: firstSeen.stamp }), source);
  firstSeen.settle();
  const reloader = new Reloader({ reader, holder, source, logger, vocabulary, synonyms, firstSeen: firstSeen.stamp, revisionOf: async () => null });
  const app = await buildApp({ holder });
  t.teardown(async () => {
    await app.close();
    await reader.close();
  });
  return { holder, reloader, app };
}

const addIssue = (root: string) => {
  mkdirSync(join(root, '2021-06-30-ebpf-updates'), { recursive: true });
  copyFileSync(NEW_ISSUE, join(root, '2021-06-30-ebpf-updates', 'index.md'));
};

t.test('no record: items count from their issue date; what arrives later from when it is indexed; kept across restarts', async (t) => {
  const dir = t.testdir();
  const root = copySmallArchive(join(dir, 'archive'));
  const file = join(dir, 'state', 'first-seen.json');
  const clock = { now: new Date('2026-12-01T10:00:00.000Z') };
  const first = await service(t, root, file, clock);
  const item = first.holder.current!.item('3-counting-wombats-with-ring-buffers')!;
  t.equal(item.firstSeen, '2021-03-15T00:00:00Z', 'a new deployment does not announce the archive as new');
  await settle();
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; items: Record<string, string> };
  t.equal(saved.version, 1);
  t.equal(Object.keys(saved.items).length, first.holder.current!.size, 'every item recorded, in one write');
  t.same(readdirSync(join(dir, 'state')), ['first-seen.json'], 'written atomically: no temporary file left');

  clock.now = new Date('2026-12-02T08:30:00.000Z');
  addIssue(root);
  await first.reloader.reload('test');
  const index = first.holder.current!;
  const arrived = index.items.filter((i) => i.issue.number === 6);
  t.ok(arrived.length > 0 && arrived.every((i) => i.firstSeen === '2026-12-02T08:30:00Z'), 'the new issue counts from when it was indexed');
  t.equal(index.item('3-counting-wombats-with-ring-buffers')!.firstSeen, '2021-03-15T00:00:00Z', 'the rest keep theirs');
  await settle();

  // A restart, days later: the record holds.
  clock.now = new Date('2026-12-09T00:00:00.000Z');
  const again = await service(t, root, file, clock);
  t.equal(again.holder.current!.items.find((i) => i.issue.number === 6)!.firstSeen, '2026-12-02T08:30:00Z');
  t.equal(again.holder.current!.item('3-counting-wombats-with-ring-buffers')!.firstSeen, '2021-03-15T00:00:00Z');

  // The bot's cursor: only what is new since, on search and feeds; the feed's updated time is that arrival.
  const since = (await again.app.inject({ url: '/search?since=2026-12-01T00:00:00Z&limit=100' })).json();
  t.equal(since.total, arrived.length);
  t.ok(since.hits.every((hit: { issue: { number: number }; firstSeen: string }) => hit.issue.number === 6 && hit.firstSeen === '2026-12-02T08:30:00Z'));
  t.equal((await again.app.inject({ url: '/search?since=2026-12-02T08:30:00Z' })).json().total, 0, 'strictly after: the cursor is not sent twice');
  t.equal((await again.app.inject({ url: '/search?since=2026-12-02T09:30:00%2B01:00' })).json().total, 0, 'an offset is the same instant');
  t.equal((await again.app.inject({ url: '/search?since=2026-12-01' })).json().total, arrived.length, 'a date is its midnight UTC');
  const feed = (await again.app.inject({ url: '/feed.json?since=2026-12-01T00:00:00Z' })).json();
  t.equal(feed.items.length, arrived.length);
  t.ok(feed.items.every((entry: { date_modified: string }) => entry.date_modified === '2026-12-02T08:30:00Z'));
  const atom = (await again.app.inject({ url: '/feed.atom' })).body;
  t.match(atom, /^<\?xml[^]*?<feed[^]*?<updated>2026-12-02T08:30:00Z<\/updated>/, "the feed's updated time is the newest arrival, not a publication date");
  t.match((await again.app.inject({ url: '/issues' })).json(), { newest: { number: 6 } });
  const bad = await again.app.inject({ url: '/search?since=last+week' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { parameter: 'since', message: /invalid since "last week": expected an RFC 3339 time like 2026-12-01T09:30:00Z/ });
  t.equal((await again.app.inject({ url: '/feed.rss?since=2026-02-30' })).statusCode, 400, 'an impossible date');
  for (const valid of ['2026-12-01T23:59:60Z', '2026-12-01T08:30:00.1234567890123Z', '2026-12-02t08:29:59.999z']) t.equal((await again.app.inject({ url: `/search?since=${encodeURIComponent(valid)}` })).json().total, arrived.length, `RFC 3339: ${valid}`);
  for (const invalid of ['2026-12-01T24:00:00Z', '2026-12-01T10:00Z', '2026-12-01T10:00:00', '2026-12-01T10:00:00+24:00']) t.equal((await again.app.inject({ url: `/search?since=${encodeURIComponent(invalid)}` })).statusCode, 400, `not RFC 3339: ${invalid}`);
});

t.test('a corrupt record is rebuilt with a warning; an unwritable one is a warning, never fatal', async (t) => {
  const dir = t.testdir();
  const root = copySmallArchive(join(dir, 'archive'));
  const file = join(dir, 'first-seen.json');
  writeFileSync(file, '{"version": 1, "items": {"5-x": "not a time"');
  const { logger, lines } = capturedLogger();
  const { holder } = await service(t, root, file, { now: new Date('2026-12-01T00:00:00Z') }, logger);
  t.equal(holder.current!.item('3-counting-wombats-with-ring-buffers')!.firstSeen, '2021-03-15T00:00:00Z');
  t.ok(lines.some((l) => /is not a first-seen file this version writes: rebuilt from the issue dates/.test(String(l['msg']))));
  await settle();
  t.equal(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { items: object }).items).length, holder.current!.size, 'and written anew');

  // A folder that cannot be made (its parent is a file): unwritable even for root.
  const blocked = join(dir, 'a-file');
  writeFileSync(blocked, '');
  const captured = capturedLogger();
  const served = await service(t, root, join(blocked, 'first-seen.json'), { now: new Date() }, captured.logger);
  await settle();
  t.ok(served.holder.current!.size > 0, 'serving regardless');
  t.ok(captured.lines.some((l) => /first-seen times are kept in memory only/.test(String(l['msg']))));
});

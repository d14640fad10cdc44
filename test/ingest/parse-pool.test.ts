import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { loadVocabulary } from '../../src/ingest/index.js';
import { parseIssue } from '../../src/ingest/parse-issue.js';
import { ParsePool } from '../../src/ingest/parse-pool.js';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';

/**
 * When the pool starts another worker: for a backlog of source worth its
 * start, never for a count of short files; and beside one slow on a file.
 * The backlog tests set the slow rule far off, so a loaded machine's slow
 * start of a worker never stands in for a backlog.
 */
const BACKLOG_ONLY = { slowMs: 600_000 };
const vocabulary = loadVocabulary();
const FIXTURE = '2021-01-15-ebpf-updates/index.md';
const small = readFileSync(join(SMALL_ARCHIVE, FIXTURE), 'utf8');

t.test('many short files queued at once parse in the one warm worker, each as the caller would parse it', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 4, ...BACKLOG_ONLY }).warm();
  t.teardown(() => pool.close());
  const files = Array.from({ length: 12 }, (_, i) => `short-${i}.md`);
  const parsed = await Promise.all(files.map((file) => pool.parse(file, small)));
  t.equal(pool.workers, 1, '12 files of 1 kB are no backlog');
  t.same(parsed[11], parseIssue(small, { file: 'short-11.md', vocabulary }));
});

t.test('a backlog of more source than one worker parses in a second starts more workers, up to the size', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 3, backlogChars: 2 * small.length, ...BACKLOG_ONLY }).warm();
  t.teardown(() => pool.close());
  const parsed = await Promise.all(Array.from({ length: 12 }, (_, i) => pool.parse(`short-${i}.md`, small)));
  t.equal(pool.workers, 3);
  t.same(parsed.map((p) => p.items.length), Array(12).fill(parseIssue(small, { file: FIXTURE, vocabulary }).items.length));
});

t.test('the real archive\'s five issues (150 kB), queued together, are one worker\'s work', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 4, ...BACKLOG_ONLY }).warm();
  t.teardown(() => pool.close());
  const issues = readdirSync(BLOG_POSTS).filter((d) => d.includes('ebpf-updates')).map((d) => join(d, 'index.md'));
  t.equal(issues.length, 5);
  const parsed = await Promise.all(issues.map((file) => pool.parse(file, readFileSync(join(BLOG_POSTS, file), 'utf8'))));
  t.equal(pool.workers, 1);
  t.ok(parsed.every((p) => p.issue !== null && p.items.length > 0));
});

t.test('files queued a few at a time, round after round, never add up to a backlog once parsed', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 4, backlogChars: 3 * small.length, ...BACKLOG_ONLY }).warm();
  t.teardown(() => pool.close());
  for (let round = 0; round < 6; round++) await Promise.all([pool.parse(`a-${round}.md`, small), pool.parse(`b-${round}.md`, small)]);
  t.equal(pool.workers, 1, 'two files waiting at most, under the three a worker may have');
});

t.test('a worker slow on one file no longer counts: the file queued behind it gets a worker of its own', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 2, slowMs: 1 }).warm();
  t.teardown(() => pool.close());
  const source = readFileSync(join(BLOG_POSTS, '2021-05-04-ebpf-updates', 'index.md'), 'utf8');
  const parsed = await Promise.all([pool.parse('first.md', source), pool.parse('second.md', source)]);
  t.equal(pool.workers, 2);
  t.same(parsed[1], parseIssue(source, { file: 'second.md', vocabulary }), 'and parses it as the caller would');
});

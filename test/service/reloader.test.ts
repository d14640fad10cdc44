import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/http/app.js';
import { ArchiveReader, loadVocabulary } from '../../src/ingest/index.js';
import { Reloader } from '../../src/service/reloader.js';
import { IndexHolder, buildSearchIndex, loadSynonyms } from '../../src/search/index.js';
import { copyArchive, copySmallArchive } from '../archive-copy.js';
import { FIXTURES } from '../helpers.js';

const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();
const NEW_ISSUE = `${FIXTURES}new-issue/index.md`;

/**
 * A reloader over a copy of an archive: our small one (issues #1 to #3), read in a moment, unless `copy` says
 * otherwise (the real one, where reloads must take long enough for requests to meet them).
 */
async function served(t: Test, copy: (dest: string) => string = copySmallArchive) {
  const root = copy(t.testdir());
  const reader = new ArchiveReader(root, { vocabulary });
  const holder = new IndexHolder();
  const source = { kind: 'configured' as const, dir: root };
  holder.set(buildSearchIndex((await reader.read()).archive, { vocabulary, synonyms }), source);
  let revision = 'r1';
  const reloader = new Reloader({ reader, holder, source, logger: pino({ level: 'silent' }), vocabulary, synonyms, revisionOf: async () => revision });
  const issueDir = join(root, '2021-06-30-ebpf-updates');
  return {
    root,
    holder,
    reloader,
    setRevision: (r: string) => (revision = r),
    addIssue: () => {
      mkdirSync(issueDir, { recursive: true });
      copyFileSync(NEW_ISSUE, join(issueDir, 'index.md'));
    },
    removeIssue: () => rmSync(issueDir, { recursive: true, force: true }),
  };
}

t.test('a reload builds a new index beside the old one and swaps it in; nothing changed, nothing rebuilt', async (t) => {
  const { holder, reloader, addIssue, setRevision } = await served(t);
  const before = holder.current!;
  const first = await reloader.reload('test');
  t.match(first, { status: 'reloaded', issues: 3, revision: 'r1' }, 'the revision is new to the holder');
  const same = holder.current!;
  t.match(await reloader.reload('test'), { status: 'unchanged', changed: [] });
  t.equal(holder.current, same, 'the same index object keeps serving');
  addIssue();
  const added = await reloader.reload('test');
  t.match(added, { status: 'reloaded', issues: 4, changed: ['2021-06-30-ebpf-updates/index.md'] });
  t.not(holder.current, same);
  t.equal(before.issues.length, 3, 'the old index itself is untouched: requests holding it finish on it');
  t.ok(holder.current!.item('6-tracing-quokkas-with-zanzibarquokka'), 'the new issue is served, under a stable id');
  setRevision('r2');
  t.match(await reloader.reload('test'), { status: 'reloaded', revision: 'r2', changed: [] }, 'a new revision alone reloads');
  t.equal(holder.revision, 'r2');
});

t.test('reloads never overlap: asked while one runs, one more runs after it for every caller', async (t) => {
  const { holder, reloader, addIssue } = await served(t);
  const first = reloader.reload('a');
  addIssue();
  const second = reloader.reload('b');
  const third = reloader.reload('c');
  t.equal(second, third, 'callers waiting meanwhile share the next reload');
  const outcomes = await Promise.all([first, second, third]);
  t.equal(outcomes[1]!.issues, 4, 'the reload after sees the change made during the first');
  t.equal(holder.current!.issues.length, 4);
});

t.test('a failed reload keeps the serving index and says why in the holder', async (t) => {
  const { root, holder, reloader } = await served(t);
  const serving = holder.current;
  rmSync(root, { recursive: true });
  await t.rejects(reloader.reload('test'), { name: 'ArchiveError' });
  t.equal(holder.current, serving);
  t.match(holder.lastFailure, { message: /archive folder not found/ });
  mkdirSync(root);
  await t.rejects(reloader.reload('test'), { message: /no eBPF Updates issue found/ });
  t.equal(holder.current, serving, 'an emptied archive does not empty the service');
});

t.test('a successful reload clears the last failure, even when nothing changed', async (t) => {
  const { root, holder, reloader } = await served(t);
  await reloader.reload('test');
  const serving = holder.current;
  rmSync(root, { recursive: true });
  await t.rejects(reloader.reload('test'), { name: 'ArchiveError' });
  t.ok(holder.lastFailure);
  copySmallArchive(root);
  const restored = await reloader.reload('test');
  t.equal(restored.status, 'unchanged', 'the folder restored as it was');
  t.equal(holder.current, serving);
  t.equal(holder.lastFailure, null);
});

t.test('requests during reloads always see one whole index: every answer agrees with the index its ETag names', async (t) => {
  // The real archive: each reload rebuilds an index of 200 items, long enough for many requests to arrive meanwhile.
  const { holder, reloader, addIssue, removeIssue } = await served(t, copyArchive);
  const app = await buildApp({ holder });
  t.teardown(() => app.close());
  const expected = new Map<string, { issues: number; items: number; quokka: number }>();
  const remember = () => {
    const index = holder.current!;
    expected.set(index.version, { issues: index.issues.length, items: index.size, quokka: index.item('6-tracing-quokkas-with-zanzibarquokka') ? 1 : 0 });
  };
  remember();
  let reloading = true;
  const reloads = (async () => {
    for (let round = 0; round < 6; round++) {
      if (round % 2 === 0) addIssue();
      else removeIssue();
      await reloader.reload('test');
      remember();
    }
    reloading = false;
  })();
  let checked = 0;
  while (reloading || checked < 20) {
    const [issues, quokka] = await Promise.all([app.inject({ url: '/issues' }), app.inject({ url: '/search?q=zanzibarquokka' })]);
    for (const res of [issues, quokka]) {
      t.equal(res.statusCode, 200);
      const version = String(res.headers.etag).slice(3, 19);
      // An index swapped in moments ago may not be remembered yet: it is the one serving now.
      if (!expected.has(version)) remember();
      const want = expected.get(version);
      if (!want) {
        t.fail(`answered by index ${version}, which never served`);
        continue;
      }
      if (res === issues) t.equal(res.json().total, want.issues, `/issues answered by index ${version}`);
      else t.equal(res.json().total, want.quokka, `/search answered by index ${version}`);
    }
    checked++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await reloads;
  t.ok(checked >= 20, `${checked} rounds of requests during 6 reloads`);
});

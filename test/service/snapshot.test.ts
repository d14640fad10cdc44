import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { ArchiveReader, loadVocabulary } from '../../src/ingest/index.js';
import { buildSearchIndex, loadSynonyms, search } from '../../src/search/index.js';
import { SNAPSHOT_VERSION, SnapshotError, loadSnapshot, writeSnapshot } from '../../src/service/snapshot.js';
import { BLOG_POSTS } from '../helpers.js';

const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();
const reader = new ArchiveReader(BLOG_POSTS, { vocabulary });
const { archive } = await reader.read();
const index = buildSearchIndex(archive, { vocabulary, synonyms });

t.test('a snapshot loads into the same index: same items, same answers, no file parsed', async (t) => {
  const file = `${t.testdir()}/archive.snapshot`;
  const header = await writeSnapshot(file, reader, index, 'abc123');
  t.match(header, { issues: 5, items: 203, revision: 'abc123', indexVersion: index.contentVersion });
  const fresh = new ArchiveReader(BLOG_POSTS, { vocabulary });
  const loaded = await loadSnapshot(file, fresh, { vocabulary, synonyms });
  t.equal(loaded.index.version, index.version);
  for (const q of ['tail calls', 'libpbf', 'author:"Andrii Nakryiko" btf', '"ring buffer"', 'kernel:>=5.12 xdp']) {
    const a = search(index, { q, limit: 20 });
    const b = search(loaded.index, { q, limit: 20 });
    t.same(
      b.hits.map((h) => [h.item.id, h.score, h.snippet]),
      a.hits.map((h) => [h.item.id, h.score, h.snippet]),
      q,
    );
    t.equal(b.total, a.total);
  }
  t.same((await fresh.read()).changed, [], 'the reader took up the snapshot: nothing to parse afterwards');
});

t.test('a bad snapshot is refused with a message saying what is wrong, and the reader is left empty', async (t) => {
  const dir = t.testdir();
  const good = `${dir}/good.snapshot`;
  await writeSnapshot(good, reader, index);
  const bytes = readFileSync(good);
  const cases: [string, Buffer | string, RegExp][] = [
    ['truncated', bytes.subarray(0, bytes.length - 1000), /corrupt or truncated/],
    ['flipped byte', Buffer.concat([bytes.subarray(0, bytes.length - 10), Buffer.from('X'), bytes.subarray(bytes.length - 9)]), /corrupt or truncated/],
    ['another version', bytes.toString('utf8').replace(`"version":${SNAPSHOT_VERSION},`, '"version":0,'), new RegExp(`snapshot version 0 .* this is version ${SNAPSHOT_VERSION}`)],
    ['not a snapshot', '# just markdown\n', /is not a snapshot/],
    ['another format', '{"format":"something else"}\n{}', /not a snapshot of this service/],
  ];
  for (const [name, content, message] of cases) {
    const file = `${dir}/${name.replace(/ /g, '-')}.snapshot`;
    writeFileSync(file, content);
    const fresh = new ArchiveReader(BLOG_POSTS, { vocabulary });
    await t.rejects(loadSnapshot(file, fresh, { vocabulary, synonyms }), { name: 'SnapshotError', message }, name);
    t.equal((await fresh.read()).changed.length > 400, true, `${name}: the reader parses everything afterwards`);
  }
  await t.rejects(loadSnapshot(`${dir}/missing.snapshot`, reader, { vocabulary, synonyms }), SnapshotError);
});

t.test('a well-formed snapshot whose parts disagree (files and index) is refused after loading, and the reader is reset', async (t) => {
  const file = `${t.testdir()}/tampered.snapshot`;
  await writeSnapshot(file, reader, index);
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline));
  const payload = JSON.parse(text.slice(newline + 1));
  payload.reader.files = payload.reader.files.filter((f: { file: string }) => !f.file.startsWith('2021-05-04-ebpf-updates'));
  const body = Buffer.from(JSON.stringify(payload));
  header.payloadBytes = body.length;
  header.payloadSha256 = createHash('sha256').update(body).digest('hex');
  writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  const fresh = new ArchiveReader(BLOG_POSTS, { vocabulary });
  await t.rejects(loadSnapshot(file, fresh, { vocabulary, synonyms }), { name: 'SnapshotError', message: /does not hold a usable index: the serialized index holds 203 documents, the archive 140 items/ });
  t.ok((await fresh.read()).changed.length > 400, 'nothing of it was kept');
});

t.test("a snapshot holds the archive, not the service's first-seen record: it loads under any record", async (t) => {
  const file = `${t.testdir()}/archive.snapshot`;
  await writeSnapshot(file, reader, index);
  const fresh = new ArchiveReader(BLOG_POSTS, { vocabulary });
  const { index: loaded } = await loadSnapshot(file, fresh, { vocabulary, synonyms, firstSeen: () => '2026-12-01T00:00:00Z' });
  t.equal(loaded.contentVersion, index.contentVersion);
  t.not(loaded.version, index.version, 'answers (and their ETags) change with the record');
  t.ok(loaded.items.every((item) => item.firstSeen === '2026-12-01T00:00:00Z'));
});

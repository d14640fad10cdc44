import t from 'tap';
import { ArchiveError, loadArchive } from '../../src/ingest/index.js';

/** A small issue of our own writing, in the current layout. */
const GOOD = `---
path: "/blog/ebpf-updates-fixture"
date: "2031-05-01T10:00:00.000Z"
title: "eBPF Updates #7: Fixture Issue"
description: "A fixture."
categories:
  - Update
---

## New Resources

- [_A fixture post_](https://example.org/fixture), from Fixture Author.  
  Text of the fixture post.
`;

const BROKEN_FRONT_MATTER = `---
title: "eBPF Updates #8: Broken
categories: [Update
---

## New Resources

- [_Never seen_](https://example.org/never)
`;

const NO_TITLE = `---
path: "/blog/untitled"
date: "2031-06-01"
categories:
  - Update
---

## New Resources

- [_Untitled issue post_](https://example.org/untitled)
`;

const EMPTY_BODY = `---
path: "/blog/empty"
date: "2031-07-01"
title: "eBPF Updates #9: Nothing Inside"
categories:
  - Update
---

`;

const LIST_WITHOUT_LINKS = `---
path: "/blog/no-links"
date: "2031-08-01"
title: "eBPF Updates #10: Links Forgotten"
categories:
  - Update
---

## New Resources

### Blog Posts

- A post whose link was forgotten, from Someone Else.
- Another post without a link.
`;

const ARTICLE = `---
path: "/blog/an-ordinary-article"
date: "2031-01-01"
title: "An ordinary article about eBPF"
categories:
  - Technology
---

## Not a newsletter

- [A link in an article](https://example.org/article)
`;

t.test('a broken file is reported with its path and the rest of the archive still indexes', async (t) => {
  const dir = t.testdir({
    'good': { 'index.md': GOOD },
    'broken-front-matter': { 'index.md': BROKEN_FRONT_MATTER },
    'no-title': { 'index.md': NO_TITLE },
    'empty': { 'index.md': EMPTY_BODY },
    'no-links': { 'index.md': LIST_WITHOUT_LINKS },
    'binary': { 'index.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]) },
    'nul': { 'index.md': `---\ntitle: "eBPF Updates #11: NUL"\ncategories: [Update]\n---\n\nbefore\u0000after\n` },
    'article': { 'index.md': ARTICLE },
    'README.md': '# Not an issue\n\nNo front matter at all.\n',
  });
  const archive = await loadArchive(dir);

  t.same(
    archive.issues.map((i) => i.number),
    [10, 7],
    'the good issue and the degraded one are indexed; the broken ones are skipped',
  );
  const byFile = new Map(archive.problems.map((p) => [p.file, p]));

  const front = byFile.get('broken-front-matter/index.md');
  t.match(front?.message, /^broken front matter: /, 'broken front matter is reported');
  t.type(front?.line, 'number', 'with a line number');

  t.match(byFile.get('no-title/index.md'), { line: 1, message: /no title/ });
  t.match(byFile.get('empty/index.md'), { message: /empty body/ });
  t.match(byFile.get('binary/index.md'), { message: /not valid UTF-8/ });
  t.match(byFile.get('nul/index.md'), { message: /binary content/ });
  t.match(byFile.get('no-links/index.md'), {
    line: 13,
    message: /list in "New Resources > Blog Posts" has no links/,
  });
  t.notOk(byFile.has('article/index.md'), 'ordinary articles are ignored, not problems');
  t.notOk(byFile.has('README.md'), 'markdown without front matter is ignored');

  const degraded = archive.items.filter((i) => i.issue.number === 10);
  t.equal(degraded.length, 1, 'the linkless list is kept as the section text');
  t.match(degraded[0], { kind: 'prose', title: 'Blog Posts', text: /forgotten/ });

  const good = archive.items.find((i) => i.issue.number === 7);
  t.match(good, { title: 'A fixture post', authors: ['Fixture Author'], url: 'https://example.org/fixture' });
});

t.test('an archive folder that does not exist is a clear error', async (t) => {
  await t.rejects(loadArchive('/nonexistent/archive/folder'), new ArchiveError('archive folder not found: /nonexistent/archive/folder'));
});

t.test('an archive path that is a file is a clear error', async (t) => {
  const dir = t.testdir({ 'file.md': GOOD });
  await t.rejects(loadArchive(`${dir}/file.md`), { name: 'ArchiveError', message: /is not a folder/ });
});

t.test('an archive with no newsletter issue is a clear error', async (t) => {
  const dir = t.testdir({ article: { 'index.md': ARTICLE }, 'notes.mdx': '# notes\n' });
  await t.rejects(loadArchive(dir), { name: 'ArchiveError', message: /no eBPF Updates issue found in .* \(2 markdown files read\)/ });
});

t.test('an archive whose only issue is broken is an error that says so', async (t) => {
  const dir = t.testdir({ broken: { 'index.md': BROKEN_FRONT_MATTER } });
  await t.rejects(loadArchive(dir), { name: 'ArchiveError' });
});

t.test('oversized files are reported and skipped', async (t) => {
  const dir = t.testdir({ good: { 'index.md': GOOD }, huge: { 'index.md': `${GOOD}\n${'x'.repeat(2000)}\n` } });
  const archive = await loadArchive(dir, { maxFileBytes: 1000 });
  t.same(archive.issues.map((i) => i.file), ['good/index.md']);
  t.match(archive.problems, [{ file: 'huge/index.md', message: /over the 1000-byte limit/ }]);
});

t.test('folder names with spaces, .mdx files and plain *.md files are found', async (t) => {
  const dir = t.testdir({
    '2031-05-01-updates copy': { 'index.md': GOOD },
    'flat-issue.mdx': GOOD.replace('#7', '#12'),
    'nested': { 'deeper': { 'issue-13.md': GOOD.replace('#7', '#13') } },
    '.hidden': { 'index.md': GOOD.replace('#7', '#14') },
  });
  const archive = await loadArchive(dir);
  t.same(
    archive.issues.map((i) => [i.number, i.file]),
    [
      [13, 'nested/deeper/issue-13.md'],
      [12, 'flat-issue.mdx'],
      [7, '2031-05-01-updates copy/index.md'],
    ],
  );
});

t.test('a missing path or date in front matter is degraded from the folder name, and said', async (t) => {
  const dir = t.testdir({
    '2031-09-09-ebpf-updates': {
      'index.md': `---\ntitle: "eBPF Updates #15: Folder Facts"\ncategories: [Update]\n---\n\n## Foreword\n\nOnly prose.\n`,
    },
  });
  const archive = await loadArchive(dir);
  t.match(archive.issues[0], { number: 15, date: '2031-09-09', path: '/blog/2031-09-09-ebpf-updates', url: 'https://ebpf.io/blog/2031-09-09-ebpf-updates' });
  t.equal(archive.problems.length, 2);
  t.match(archive.problems[0]?.message, /using 2031-09-09 from the folder name/);
  t.match(archive.problems[1]?.message, /no path in front matter/);
});

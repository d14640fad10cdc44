import { EventEmitter } from 'node:events';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import t from 'tap';
import { watchArchive } from '../../src/service/watch-archive.js';

/**
 * Every kind of edit is seen within 2 s, again and again: in place, replaced
 * by a rename (sed -i, editors' atomic saves, git checkout, rsync) and then
 * written in place, swapped for a link and back, and with a link loop below.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// chokidar 5 can orphan an fs.watch handle when a folder is removed or the watcher closed while it is still adding one
// (paulmillr/chokidar#1482, fixed in 6, which needs Node 22): the service exits explicitly, but this file would wait
// for the handle forever under a loaded machine. Let the leftover handles go once a watcher is closed.
const releaseOrphans = () => {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  for (const handle of handles) if (handle instanceof EventEmitter && 'unref' in handle && handle.constructor.name === 'FSWatcher') (handle as unknown as { unref(): void }).unref();
};

t.test('edits of every kind reach the reloader within 2 s, and the watcher never goes blind', async (t) => {
  const root = t.testdir({ a: { 'index.md': 'one' }, b: { 'index.md': 'one' }, '.git': { HEAD: 'ref' } });
  let changes = 0;
  const watching = watchArchive(root, () => changes++, { debounceMs: 50, logger: pino({ level: 'silent' }) });
  t.teardown(async () => {
    await watching.close();
    // A scan still in flight may orphan one more after close returns: keep releasing, without keeping the process alive.
    setInterval(releaseOrphans, 50).unref();
  });
  await sleep(300);
  const seen = async (what: string, edit: () => void) => {
    const before = changes;
    edit();
    const until = Date.now() + 2000;
    while (changes === before && Date.now() < until) await sleep(25);
    t.ok(changes > before, what);
  };
  const file = join(root, 'a', 'index.md');
  await seen('an in-place write', () => writeFileSync(file, 'two'));
  await seen('a replace by rename', () => {
    writeFileSync(join(root, 'a', 'tmp'), 'three');
    renameSync(join(root, 'a', 'tmp'), file);
  });
  await seen('an in-place write after the rename', () => writeFileSync(file, 'four'));
  await seen('and another', () => writeFileSync(file, 'five'));
  await seen('a link swapped in', () => {
    writeFileSync(join(root, 'real.md'), 'x');
    symlinkSync(join(root, 'real.md'), join(root, 'b', 'tmp'));
    renameSync(join(root, 'b', 'tmp'), join(root, 'b', 'index.md'));
  });
  await seen('a file swapped back', () => {
    writeFileSync(join(root, 'b', 'tmp'), 'y');
    renameSync(join(root, 'b', 'tmp'), join(root, 'b', 'index.md'));
  });
  await seen('a write after the link', () => writeFileSync(join(root, 'b', 'index.md'), 'z'));
  symlinkSync(join(root, 'loop'), join(root, 'loop'));
  await sleep(300);
  await seen('a write with a link loop in the folder', () => writeFileSync(file, 'six'));
  await seen('a new folder', () => {
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'c', 'index.md'), 'new');
  });
  await seen('a write in the new folder', () => writeFileSync(join(root, 'c', 'index.md'), 'newer'));
  await seen('a removed folder', () => rmSync(join(root, 'c'), { recursive: true }));
  await sleep(500);
  const before = changes;
  writeFileSync(join(root, '.git', 'HEAD'), 'other');
  await sleep(500);
  t.equal(changes, before, 'hidden paths (.git) are not watched');
});

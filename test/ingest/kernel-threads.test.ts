import t from 'tap';
import { bareMessageId, canonicalUrl, loadArchive, loadVocabulary, messageIdsOf, threadOf } from '../../src/ingest/index.js';
import { BLOG_POSTS } from '../helpers.js';

/** Kernel bots hold a lore.kernel.org link or a Message-ID: items name the thread they are about. */

t.test('the Message-ID of every way kernel mail is linked, and its lore address', async (t) => {
  const id = '20210423181348.1801389-1-andrii@kernel.org';
  const lore = { messageId: id, loreUrl: `https://lore.kernel.org/bpf/${id}/` };
  t.same(threadOf(`https://lore.kernel.org/bpf/${id}/t/#u`), lore, 'the thread view');
  t.same(threadOf(`https://lore.kernel.org/bpf/${id}/`), lore);
  t.same(threadOf(`http://lore.kernel.org/bpf/${id}`), lore, 'no trailing slash, http');
  t.same(threadOf(`https://lore.kernel.org/bpf/${id}/T/#m8f1`), lore, 'the flat view with a message anchor');
  t.same(threadOf(`https://lore.kernel.org/r/${id}`), { messageId: id, loreUrl: `https://lore.kernel.org/all/${id}/` }, 'the list-less redirect');
  t.same(threadOf(`https://lkml.kernel.org/r/${id}`), { messageId: id, loreUrl: `https://lore.kernel.org/all/${id}/` });
  t.same(threadOf(`https://msgid.link/${id}`), { messageId: id, loreUrl: `https://lore.kernel.org/all/${id}/` });
  t.same(threadOf(`https://patchwork.kernel.org/project/netdevbpf/patch/${id}/`), { messageId: id, loreUrl: `https://lore.kernel.org/all/${id}/` });
  // Characters lore percent-encodes in paths (+, =, /) come back decoded; the lore address encodes only what a path cannot hold.
  const gmail = 'CAEf4BzZ+jJs7-HtjVLzcevmGf78PHxEsrk66FwKvy6FCsiU=nQ@mail.gmail.com';
  t.same(threadOf(`https://lore.kernel.org/bpf/CAEf4BzZ+jJs7-HtjVLzcevmGf78PHxEsrk66FwKvy6FCsiU=nQ@mail.gmail.com/`), { messageId: gmail, loreUrl: `https://lore.kernel.org/bpf/${gmail}/` });
  t.same(threadOf('https://lore.kernel.org/bpf/a%2Fb@example.com/'), { messageId: 'a/b@example.com', loreUrl: 'https://lore.kernel.org/bpf/a%2Fb@example.com/' });
  for (const other of ['https://lore.kernel.org/bpf/', 'https://lore.kernel.org/bpf/?q=xdp', 'https://patchwork.kernel.org/project/netdevbpf/list/', 'https://patchwork.kernel.org/patch/12345/', 'https://github.com/libbpf/libbpf', 'mailto:bpf@vger.kernel.org', 'not a url', 'https://lore.kernel.org/bpf/%E0%A4%A/']) {
    t.equal(threadOf(other), null, `${other}: no Message-ID`);
  }
  t.equal(bareMessageId(` <${id}> `), id);
  t.equal(bareMessageId(id), id);
});

t.test('one kernel mail is one link however it is reached (lookups and "seen in" agree)', async (t) => {
  const id = '20210423181348.1801389-1-andrii@kernel.org';
  const forms = [`https://lore.kernel.org/bpf/${id}/t/#u`, `https://lore.kernel.org/netdev/${id}/`, `https://lore.kernel.org/all/${id}`, `https://lkml.kernel.org/r/${id}`, `https://patchwork.kernel.org/project/netdevbpf/patch/${id}/`];
  t.same(new Set(forms.map(canonicalUrl)), new Set([`lore.kernel.org/r/${id}`]));
  t.equal(canonicalUrl('https://www.example.com/post/?utm_source=x&b=2&a=1#top'), canonicalUrl('http://example.com/post?a=1&b=2'));
  t.equal(canonicalUrl('https://youtu.be/80OYrzS1dCA?si=share'), canonicalUrl('https://www.youtube.com/watch?v=80OYrzS1dCA&feature=youtu.be'));
});

t.test('on the real archive, every item linking lore.kernel.org names its thread', async (t) => {
  const { items } = await loadArchive(BLOG_POSTS, { vocabulary: loadVocabulary() });
  const linking = items.filter((item) => item.links.some((link) => /^https?:\/\/lore\.kernel\.org\/[^/]+\/[^/]+@/.test(link.url)));
  t.ok(linking.length >= 60, `${linking.length} items link a kernel mail`);
  for (const item of linking) {
    t.ok(item.messageId && item.loreUrl?.startsWith('https://lore.kernel.org/'), `${item.id}: ${item.messageId}`);
    t.ok(messageIdsOf(item).includes(item.messageId!));
  }
  const staticLinking = items.find((item) => item.id === '5-update-libbpf-to-support-static-linking-of-multiple-elf')!;
  t.equal(staticLinking.messageId, '20210318194036.3521577-1-andrii@kernel.org', 'the first patch it links');
  t.same(messageIdsOf(staticLinking), ['20210318194036.3521577-1-andrii@kernel.org', '20210423181348.1801389-1-andrii@kernel.org'], 'and every one it links, for lookups');
  t.equal(items.filter((item) => !item.links.some((link) => /kernel\.org|patchwork/.test(link.url))).every((item) => item.messageId === null), true, 'no thread without a kernel link');
});

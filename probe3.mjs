import { buildSearchIndex, loadSynonyms } from './dist/search/index.js';
import { loadArchive, loadVocabulary } from './dist/ingest/index.js';
const vocabulary = loadVocabulary();
const index = buildSearchIndex(await loadArchive('/work/shared/archive/blog-posts', { vocabulary }), { vocabulary, synonyms: loadSynonyms() });
const terms = [...index.minisearch.vocabulary()];
const lens = terms.map(t => [...t].length).sort((a,b)=>b-a);
console.log(terms.length, lens.slice(0, 20));
console.log(terms.filter(t => [...t].length > 24).slice(0, 30));
console.log(terms.filter(t => [...t].length > 24 && !/[._\-/]/.test(t)).slice(0, 30));

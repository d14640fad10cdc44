import { loadArchive, loadVocabulary } from './dist/ingest/index.js';
const mode = process.argv[2];
let t = performance.now();
const a = await loadArchive('/work/shared/archive/blog-posts', { vocabulary: loadVocabulary(), parse: mode });
console.log(mode, a.issues.length, a.items.length, a.problems.length, Math.round(performance.now() - t));

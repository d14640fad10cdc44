import fp from 'fastify-plugin';
import type { SearchIndex } from '../../search/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The archive's search index, built once before the app and shared by every request. */
    archive: SearchIndex;
  }
}

/** Exposes the index with one decorate; nothing else holds it. */
export default fp<{ index: SearchIndex }>(
  async (app, { index }) => {
    app.decorate('archive', index);
  },
  { name: 'archive' },
);

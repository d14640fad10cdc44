import fp from 'fastify-plugin';
import type { IndexHolder, SearchIndex } from '../../search/index.js';
import { HttpError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The index being served; a 503 while the first one is still being built. */
    readonly searchIndex: SearchIndex;
    /** Holds the index; readiness and (later) reloads go through it. */
    readonly holder: IndexHolder;
  }
}

/** Exposes the holder and the current index with decorators; nothing else holds them. */
export default fp<{ holder: IndexHolder }>(
  async (app, { holder }) => {
    app.decorate('holder', { getter: () => holder });
    app.decorate('searchIndex', {
      getter: () => {
        const index = holder.current;
        if (!index) throw new HttpError(503, 'the archive is still being indexed; retry in a moment');
        return index;
      },
    });
  },
  { name: 'search-index' },
);

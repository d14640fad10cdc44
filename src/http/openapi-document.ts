import { compileVocabulary } from '../ingest/index.js';
import { buildSearchIndex, compileSynonyms } from '../search/index.js';
import { buildApp } from './app.js';

/**
 * The OpenAPI document as @fastify/swagger generates it from the route
 * schemas. It depends on no data: the app is built over an empty index.
 */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const index = buildSearchIndex({ issues: [], items: [], problems: [] }, { vocabulary: compileVocabulary({ projects: [], organisations: [] }), synonyms: compileSynonyms([]) });
  const app = await buildApp({ index });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/** The document as written to `openapi/openapi.json`: stable formatting, trailing newline. */
export function formatOpenapi(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

import { Type } from '@sinclair/typebox';
import { LoadedSchema } from './issues.js';

const CacheUseSchema = Type.Object({ bytes: Type.Integer({ description: 'Held now, keys and values.' }), maxBytes: Type.Integer({ description: 'The bound (its share of CACHE_MAX_BYTES).' }) });

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    ready: Type.Boolean({ description: 'Whether the index is built (see /readyz).' }),
    issues: Type.Integer(),
    items: Type.Integer(),
    ...LoadedSchema,
  },
  { $id: 'Health' },
);

/** Problems listed in /readyz; the count covers all of them. */
export const MAX_LISTED_PROBLEMS = 100;

export const ReadinessSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('loading')]),
    issues: Type.Integer(),
    items: Type.Integer(),
    problemCount: Type.Integer({ description: 'Files reported and skipped or degraded while indexing.' }),
    problems: Type.Array(
      Type.Object({ file: Type.String({ description: 'Relative to the archive folder.' }), line: Type.Optional(Type.Integer()), message: Type.String() }),
      { description: `The first ${MAX_LISTED_PROBLEMS} problems: a file that no longer parses keeps serving its last good version and is listed here.` },
    ),
    lastReloadError: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), message: Type.String() }), Type.Null()], {
      description: 'The last reload that failed since the index being served was built (the previous index kept serving).',
    }),
    ...LoadedSchema,
    source: Type.Union([
      Type.Object({ kind: Type.String({ description: 'configured, cache, synced, sample or given' }), dir: Type.String() }),
      Type.Null(),
    ]),
    caches: Type.Object(
      { answers: CacheUseSchema, matches: Type.Union([CacheUseSchema, Type.Null()], { description: 'Documents recent queries matched, in the index being served (null while loading).' }) },
      { description: 'Memory the caches hold, within CACHE_MAX_BYTES.' },
    ),
  },
  { $id: 'Readiness' },
);

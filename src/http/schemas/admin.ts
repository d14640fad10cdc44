import { Type, type Static } from '@sinclair/typebox';

export const ReloadOutcomeSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('reloaded'), Type.Literal('unchanged')], { description: '`unchanged`: no file and no revision changed; the index was kept.' }),
    reason: Type.String(),
    issues: Type.Integer(),
    items: Type.Integer(),
    problems: Type.Integer(),
    changed: Type.Array(Type.String(), { description: 'Files added, changed or removed (first 100).' }),
    revision: Type.Union([Type.String(), Type.Null()]),
    loadedAt: Type.String({ format: 'date-time' }),
    tookMs: Type.Integer(),
  },
  { $id: 'ReloadOutcome' },
);
export type ReloadOutcomeBody = Static<typeof ReloadOutcomeSchema>;

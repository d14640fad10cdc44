import { Type } from '@sinclair/typebox';
import { HttpError } from './errors.js';

/** The `fields` query parameter: which fields of each result to send (smaller answers for widgets). */
export function fieldsParameter(allowed: readonly string[], always: string) {
  return Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 300,
      description: `Comma-separated fields to return for each result, among: ${allowed.join(', ')} (always included: ${always}). Unknown fields are a 400. E.g. \`${allowed.slice(0, 3).join(',')}\`.`,
    }),
  );
}

/**
 * Reads `fields=a,b`: null when absent (everything), else the fields in the
 * order given plus `always`. An unknown name is a 400 naming it and listing the choices.
 */
export function parseFields<F extends string>(text: string | undefined, allowed: readonly F[], always?: F): F[] | null {
  if (text === undefined) return null;
  const chosen = new Set<F>(always ? [always] : []);
  for (const name of text.split(',').map((f) => f.trim())) {
    if (name === '') continue;
    if (!(allowed as readonly string[]).includes(name)) {
      throw new HttpError(400, `unknown field ${JSON.stringify(name)} in parameter "fields": choose from ${allowed.join(', ')}`, 'fields');
    }
    chosen.add(name as F);
  }
  return [...chosen];
}

/** `object` with only `fields` (in the object's own order). */
export function pick<T extends object>(object: T, fields: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => fields.includes(key))) as Partial<T>;
}

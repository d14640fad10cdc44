import type { Item, Vocabulary } from '../ingest/index.js';
import { Column } from './column.js';
import { FACET_NAMES, FIELDS, spec, type FacetName, type FieldName, type NameField } from './fields.js';
import { append } from './multimap.js';
import { nameKey, slugKey } from './normalize.js';

/**
 * How a name filter finds its values: folded name (or slug, or alias) to
 * value ids; for people, also each word of a name to the names holding it
 * (`chaignon`, `andrii`).
 */
export interface NameLookup {
  keys: ReadonlyMap<string, readonly number[]>;
  words: ReadonlyMap<string, readonly number[]> | null;
}

export interface TagColumns {
  /** Every field's values per item (a heading at any level for `section`). */
  columns: Readonly<Record<FieldName, Column>>;
  /** What each facet counts (the deepest heading for `section`). */
  facetColumns: Readonly<Record<FacetName, Column>>;
  lookups: Readonly<Record<NameField, NameLookup>>;
}

/** `append`, once per value: a name and its slug may be the same key. */
const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  if (!map.get(key)?.includes(value)) append(map, key, value);
};

function lookupOf(field: NameField, column: Column, vocabulary: Vocabulary): NameLookup {
  const keys = new Map<string, number[]>();
  const words = spec(field).lookup === 'person' ? new Map<string, number[]>() : null;
  column.values.forEach((value, id) => {
    push(keys, nameKey(value), id);
    if (spec(field).lookup === 'heading') push(keys, slugKey(value), id);
    if (words) for (const word of nameKey(value).split(/[\s.-]+/).filter(Boolean)) push(words, word, id);
  });
  if (spec(field).lookup === 'project') {
    // Aliases and case-sensitive spellings of data/projects.json name the same project.
    for (const entry of vocabulary.projects) {
      const ids = keys.get(nameKey(entry.name));
      if (!ids) continue;
      for (const alias of [...(entry.aliases ?? []), ...(entry.caseSensitive ?? [])]) if (!keys.has(nameKey(alias))) keys.set(nameKey(alias), ids);
    }
  }
  return { keys, words };
}

/** The columns, facet columns and name lookups of every field of FIELDS, for `items` (`dateOf`: each item's effective date). */
export function tagColumns(items: readonly Item[], dateOf: readonly string[], vocabulary: Vocabulary): TagColumns {
  const fields = Object.keys(FIELDS) as FieldName[];
  const columns = Object.fromEntries(
    fields.map((field) => {
      const declared = spec(field);
      return [field, new Column(items.map((item, n) => declared.of(item, dateOf[n]!)), declared.kind === 'name' ? nameKey : undefined)];
    }),
  ) as Record<FieldName, Column>;
  const facetColumns = Object.fromEntries(
    FACET_NAMES.map((facet) => {
      const counted = spec(facet).facet!;
      return [facet, counted === 'values' ? columns[facet] : new Column(items.map((item, n) => counted(item, dateOf[n]!)))];
    }),
  ) as Record<FacetName, Column>;
  const lookups = Object.fromEntries(fields.filter((f) => spec(f).kind === 'name').map((f) => [f, lookupOf(f as NameField, columns[f], vocabulary)])) as Record<NameField, NameLookup>;
  return { columns, facetColumns, lookups };
}

import type { Item } from '../ingest/index.js';
import type { Hit } from '../search/index.js';
import { pick } from './fields.js';
import { hitBody } from './present.js';

/** Public bases remembered per item; more than this (a spoofed Host per request) are serialized each time. */
const BASES_PER_ITEM = 4;

/**
 * Hits as JSON text. The item's own fields (everything but snippet, highlight
 * and score) are the same in every answer that lists it, so they are
 * serialized once per item and public base and reused. Keyed weakly on the
 * item: a reloaded index brings new items and the old text goes with the old ones.
 */
export class HitJson {
  private readonly made = new WeakMap<Item, Map<string, string>>();

  /** The hit as JSON; with `fields`, only those (made each time: narrowed answers are for small pages). */
  write(hit: Hit, base: string, fields: readonly string[] | null = null): string {
    if (fields) return JSON.stringify(pick(hitBody(hit, base), fields));
    const { snippet, highlight, score } = hit;
    return `${this.itemPart(hit, base)},"snippet":${JSON.stringify(snippet)},"highlight":${JSON.stringify(highlight)},"score":${JSON.stringify(score)}}`;
  }

  /** `{"id":…` up to the last item field, without the closing brace. */
  private itemPart(hit: Hit, base: string): string {
    let bases = this.made.get(hit.item);
    const kept = bases?.get(base);
    if (kept !== undefined) return kept;
    const { snippet: _s, highlight: _h, score: _n, ...fields } = hitBody(hit, base);
    const text = JSON.stringify(fields).slice(0, -1);
    if (!bases) this.made.set(hit.item, (bases = new Map()));
    if (bases.size < BASES_PER_ITEM) bases.set(base, text);
    return text;
  }
}

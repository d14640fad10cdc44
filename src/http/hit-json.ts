import type { Item } from '../ingest/index.js';
import type { Hit } from '../search/index.js';
import { pick } from './fields.js';
import { hitBody } from './present.js';

/**
 * Hits as JSON text. The item's own fields (everything but snippet, highlight
 * and score) are the same in every answer that lists it, so they are
 * serialized once per item and reused, on the one base answers are rendered
 * with (`Answers.renderBase`). Keyed weakly on the item: a reloaded index
 * brings new items and the old text goes with the old ones.
 */
export class HitJson {
  private readonly made = new WeakMap<Item, string>();

  constructor(private readonly base: string) {}

  /** The hit as JSON; with `fields`, only those (made each time: narrowed answers are for small pages). */
  write(hit: Hit, fields: readonly string[] | null = null): string {
    if (fields) return JSON.stringify(pick(hitBody(hit, this.base), fields));
    const { snippet, highlight, score } = hit;
    return `${this.itemPart(hit)},"snippet":${JSON.stringify(snippet)},"highlight":${JSON.stringify(highlight)},"score":${JSON.stringify(score)}}`;
  }

  /** `{"id":…` up to the last item field, without the closing brace. */
  private itemPart(hit: Hit): string {
    const kept = this.made.get(hit.item);
    if (kept !== undefined) return kept;
    const { snippet: _s, highlight: _h, score: _n, ...fields } = hitBody(hit, this.base);
    const text = JSON.stringify(fields).slice(0, -1);
    this.made.set(hit.item, text);
    return text;
  }
}

import type { Word } from './tokenizer.js';

/**
 * Each item's title and text as a stream of term numbers, made once when the
 * index is built, so that how close the query's words stand in an item is
 * measured without tokenizing it again per request (documents are added in
 * order, with the words the index build found once). A compound's number
 * stands for it whole; its parts are in `parts`, and the `flat` streams spell them out.
 */
const GAP = 0xffffffff;

export class WordStreams {
  private readonly ids = new Map<string, number>();
  private readonly parts: (readonly number[] | null)[] = [];
  private readonly streams: Uint32Array[] = [];
  /** The same streams with each compound spelt out in its parts (`bpf_tail_call` as bpf, tail, call), for phrases. */
  private readonly flat: Uint32Array[] = [];
  /** Where the text starts in a stream (the title comes first). */
  private readonly textStart: number[] = [];

  /** The next document's stream, from the words of its title and text. */
  add(title: readonly Word[], text: readonly Word[]): void {
    const stream: number[] = [];
    for (const w of title) stream.push(this.idOf(w.term, w.parts));
    // A gap of one unknown word: the last title word and the first text word are not adjacent.
    stream.push(GAP);
    this.textStart.push(stream.length);
    for (const w of text) stream.push(this.idOf(w.term, w.parts));
    this.streams.push(Uint32Array.from(stream));
    this.flat.push(Uint32Array.from(stream.flatMap((id) => (id === GAP ? [GAP] : this.parts[id]?.length ? this.parts[id]! : [id]))));
  }

  /** A phrase's forms as term-number sets, position by position; null when a position has no known form (it holds nowhere). */
  sequenceOf(positions: readonly (readonly string[])[]): Set<number>[] | null {
    const sets = positions.map((forms) => this.idsOf(forms));
    return sets.some((s) => s.size === 0) ? null : sets;
  }

  /**
   * Whether `doc` holds the words of `sequence` side by side, in order, in
   * its title or its text (whatever punctuation lies between: `compile-once,
   * run-everywhere` holds "compile once run everywhere").
   */
  holds(doc: number, sequence: readonly ReadonlySet<number>[] | null): boolean {
    if (sequence === null) return false;
    const flat = this.flat[doc]!;
    const n = sequence.length;
    const first = sequence[0]!;
    for (let at = 0; at + n <= flat.length; at++) {
      if (!first.has(flat[at]!)) continue;
      let k = 1;
      while (k < n && sequence[k]!.has(flat[at + k]!)) k++;
      if (k === n) return true;
    }
    return false;
  }

  /**
   * The documents holding each of `sequences` (term numbers side by side, in
   * order, as `holds` reads them), in document order: one pass over every
   * stream, whatever the number of sequences.
   */
  documentsHolding(sequences: readonly (readonly number[])[]): Int32Array[] {
    // The sequences by their first term number, as lists in one array, so a word of a stream costs one lookup.
    const head = new Int32Array(this.parts.length).fill(-1);
    const starting: number[][] = [];
    sequences.forEach((sequence, i) => {
      const first = sequence[0];
      if (first === undefined) return;
      if (head[first] === -1) head[first] = starting.push([]) - 1;
      starting[head[first]!]!.push(i);
    });
    const found: number[][] = sequences.map(() => []);
    const last = new Int32Array(sequences.length).fill(-1);
    this.flat.forEach((flat, doc) => {
      for (let at = 0; at < flat.length; at++) {
        const id = flat[at]!;
        const list = id < head.length ? head[id]! : -1;
        if (list === -1) continue;
        for (const i of starting[list]!) {
          const sequence = sequences[i]!;
          if (last[i] === doc || at + sequence.length > flat.length) continue;
          let k = 1;
          while (k < sequence.length && flat[at + k] === sequence[k]) k++;
          if (k < sequence.length) continue;
          found[i]!.push(doc);
          last[i] = doc;
        }
      }
    });
    return found.map((docs) => Int32Array.from(docs));
  }

  private idOf(term: string, parts: readonly string[]): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.parts.length;
      this.ids.set(term, id);
      this.parts.push(null);
      if (parts.length > 1 || parts[0] !== term) this.parts[id] = parts.map((p) => this.idOf(p, [p]));
    }
    return id;
  }

  /**
   * Where `terms` (all of them, in order, side by side) stand in the title of
   * `doc`: 0 when the title starts with them, a later position, or -1.
   */
  inTitle(doc: number, terms: readonly number[]): number {
    const stream = this.streams[doc]!;
    const end = this.textStart[doc]! - 1;
    for (let at = 0; at + terms.length <= end; at++) {
      let k = 0;
      while (k < terms.length && stream[at + k] === terms[k]) k++;
      if (k === terms.length) return at;
    }
    return -1;
  }

  /** The numbers of `terms` in order, or null when one is unknown (then it stands in no title). */
  sequence(terms: readonly string[]): number[] | null {
    const out: number[] = [];
    for (const t of terms) {
      const id = this.ids.get(t);
      if (id === undefined) return null;
      out.push(id);
    }
    return out;
  }

  /** The numbers of `terms` known to the streams (unknown ones can match nowhere). */
  idsOf(terms: Iterable<string>): Set<number> {
    const out = new Set<number>();
    for (const t of terms) {
      const id = this.ids.get(t);
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  /**
   * Which groups each term number stands in (a bit per group, at most 32
   * groups), for `span`: made once per query, looked up once per word.
   */
  masks(groups: readonly ReadonlySet<number>[]): Map<number, number> {
    const out = new Map<number, number>();
    groups.forEach((group, i) => {
      for (const id of group) out.set(id, (out.get(id) ?? 0) | (1 << i));
    });
    return out;
  }

  /**
   * The fewest consecutive words of `doc` holding one word of each group
   * (`masks` of the groups: the terms that match each query word), or null
   * when a group is absent. 2 for two query words side by side.
   */
  span(doc: number, masks: ReadonlyMap<number, number>, groups: number): number | null {
    const stream = this.streams[doc]!;
    const full = groups >= 32 ? -1 : (1 << groups) - 1;
    const last = new Int32Array(groups).fill(-1);
    let seen = 0;
    let best: number | null = null;
    for (let at = 0; at < stream.length; at++) {
      const id = stream[at]!;
      let mask = masks.get(id) ?? 0;
      const parts = this.parts[id];
      if (parts) for (const p of parts) mask |= masks.get(p) ?? 0;
      if (mask === 0) continue;
      for (let g = 0; g < groups; g++) if (mask & (1 << g)) last[g] = at;
      seen |= mask;
      if ((seen & full) !== full) continue;
      let first = at;
      for (let g = 0; g < groups; g++) if (last[g]! < first) first = last[g]!;
      const span = at - first + 1;
      if (best === null || span < best) best = span;
      if (best === groups) break;
    }
    return best;
  }
}

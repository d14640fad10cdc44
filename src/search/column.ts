/**
 * A tag column: for every document, the ids of its values (authors, projects,
 * ...), stored as compressed sparse rows in both directions, so filters read a
 * value's documents and facets read a document's values without allocating
 * per request.
 */
export class Column {
  /** Display form of each value id, e.g. `Andrii Nakryiko`. */
  readonly values: string[];
  private readonly docStart: Int32Array;
  private readonly docValues: Int32Array;
  private readonly valueStart: Int32Array;
  private readonly valueDocs: Int32Array;

  /** `perDoc[d]` lists document d's values by display form; equal keys (via `key`) share one value id. */
  constructor(perDoc: readonly (readonly string[])[], key: (value: string) => string = (v) => v) {
    const ids = new Map<string, number>();
    this.values = [];
    this.docStart = new Int32Array(perDoc.length + 1);
    const flat: number[] = [];
    perDoc.forEach((values, d) => {
      const seen = new Set<number>();
      for (const value of values) {
        const k = key(value);
        let id = ids.get(k);
        if (id === undefined) {
          id = this.values.length;
          ids.set(k, id);
          this.values.push(value);
        }
        if (!seen.has(id)) {
          seen.add(id);
          flat.push(id);
        }
      }
      this.docStart[d + 1] = flat.length;
    });
    this.docValues = Int32Array.from(flat);
    const counts = new Int32Array(this.values.length + 1);
    for (const id of flat) counts[id + 1]!++;
    for (let v = 0; v < this.values.length; v++) counts[v + 1]! += counts[v]!;
    this.valueStart = counts.slice();
    this.valueDocs = new Int32Array(flat.length);
    const fill = counts.slice();
    for (let d = 0; d < perDoc.length; d++) {
      for (let p = this.docStart[d]!; p < this.docStart[d + 1]!; p++) this.valueDocs[fill[this.docValues[p]!]!++] = d;
    }
  }

  /** Value ids of document `doc`. */
  valuesOf(doc: number): Int32Array {
    return this.docValues.subarray(this.docStart[doc]!, this.docStart[doc + 1]!);
  }

  /** Adds one to `counts[id]` for each value of document `doc`, without allocating. */
  countInto(doc: number, counts: Int32Array): void {
    const end = this.docStart[doc + 1]!;
    for (let p = this.docStart[doc]!; p < end; p++) counts[this.docValues[p]!]!++;
  }

  /** Documents holding value `id`, ascending. */
  docsOf(id: number): Int32Array {
    return this.valueDocs.subarray(this.valueStart[id]!, this.valueStart[id + 1]!);
  }

  /** How many documents hold value `id`. */
  countOf(id: number): number {
    return this.valueStart[id + 1]! - this.valueStart[id]!;
  }
}

/** porter2 (eilvelia/porter2.js) ships no types: its one function, the Porter2 (Snowball English) stemmer. */
declare module 'porter2' {
  /** The stem of one lower-case English word. */
  export function stem(word: string): string;
}

/** What the indexer produces: plain data, no behaviour, safe to serialise as JSON. */

/** The issue an item belongs to, copied onto every item so a hit is self-contained. */
export interface IssueRef {
  number: number;
  title: string;
  /** Publication date, `YYYY-MM-DD`. */
  date: string;
  /** The issue's page on ebpf.io. */
  url: string;
}

export interface Issue extends IssueRef {
  /** The front matter's `path`, e.g. `/blog/ebpf-updates-2021-05`. */
  path: string;
  /** Introductory paragraph: `description:` (current layout) or `{{preview}}` (legacy). */
  lede: string;
  /** Which upstream layout the file uses. */
  layout: 'current' | 'legacy';
  /** Path of the source file, relative to the archive folder. */
  file: string;
  itemCount: number;
}

export interface Link {
  text: string;
  url: string;
}

/**
 * `entry`: one entry of a bullet list; `prose`: the running text of a section,
 * titled by its heading (Foreword, Did You Know?, Community, ...).
 */
export type ItemKind = 'entry' | 'prose';

export interface Item {
  /** Stable, URL-safe: `<issue>-<title slug>`, suffixed on collision. */
  id: string;
  kind: ItemKind;
  /** Id of the enclosing entry for nested entries (the DevConf.CZ talks), else null. */
  parent: string | null;
  issue: IssueRef;
  /** Headings from `##` down: `["New Resources", "Deep Dives"]`. */
  sectionPath: string[];
  /** The issue url with the deepest heading's anchor. */
  sectionUrl: string;
  title: string;
  /** Primary url: the opening link, else the credit link, else the first link; null if none. */
  url: string | null;
  links: Link[];
  /**
   * The Message-ID of the kernel mail the item is about (its lore.kernel.org
   * or patchwork link, without angle brackets), and that mail on lore; null
   * when it links none.
   */
  messageId: string | null;
  loreUrl: string | null;
  /** People credited, as written (UTF-8 repaired). */
  authors: string[];
  /** `YYYY-MM-DD`, or as written when partial (`2021-03`); start of a range. */
  date: string | null;
  /** The date comment as written (`2021-02-18/20`), null when there is none. */
  dateText: string | null;
  /** Kernel versions such as `"5.13"`, numerically sorted. */
  kernelVersions: string[];
  /** Canonical names from `data/projects.json`. */
  projects: string[];
  /** Plain text: paragraphs separated by blank lines. */
  text: string;
  /**
   * The paragraph that leads into the list this entry belongs to ("Here are
   * the talks from FOSDEM..."), shared by its entries; null when there is none.
   */
  intro: string | null;
  /** The item's source markdown (nested child entries left out). */
  markdown: string;
  /** Position within its issue, 0-based, in reading order. */
  order: number;
  /** 1-based line of the item in its source file. */
  line: number;
}

export interface Problem {
  /** Path relative to the archive folder. */
  file: string;
  line?: number;
  message: string;
}

export interface Archive {
  issues: Issue[];
  items: Item[];
  problems: Problem[];
}

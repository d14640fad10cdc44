import type { Issue } from '../../ingest/index.js';
import type { IndexedItem } from '../../search/index.js';
import { permalink, webUrl } from '../present.js';

/** The optional parts of a feed entry a client may narrow to with `fields=`; id, title and date always come. */
export const FEED_FIELDS = ['url', 'authors', 'categories', 'summary'] as const;
export type FeedField = (typeof FEED_FIELDS)[number];

export interface FeedCategory {
  term: string;
  label: string;
  /** Where the term's values are listed in this API. */
  scheme: string;
}

/** One entry, format-neutral: what Atom, RSS and JSON Feed each render. */
export interface FeedEntry {
  /** The item's permalink: stable across re-indexing, so readers never see an entry twice. */
  id: string;
  title: string;
  /** The original (the linked article, talk or patch), else the permalink. */
  link: string | null;
  authors: string[] | null;
  categories: FeedCategory[] | null;
  summary: string | null;
  /** RFC 3339: the item's own date, else its issue's. */
  date: string;
  /** RFC 3339: when this service first indexed the item (what changed the feed). */
  updated: string;
}

export interface Feed {
  title: string;
  description: string;
  /** This page's URL, and the feed's identity (its first page). */
  self: string;
  id: string;
  home: string;
  next: string | null;
  prev: string | null;
  updated: string;
  entries: FeedEntry[];
}

/** `2021`, `2021-03` or `2021-03-22` as an RFC 3339 instant (midnight UTC of the first day it covers). */
export function rfc3339(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}T00:00:00Z`;
}

function categories(item: IndexedItem, base: string): FeedCategory[] {
  return [
    { term: `issue-${item.issue.number}`, label: item.issue.title, scheme: `${base}/issues` },
    { term: item.sectionPath.join(' › '), label: item.sectionPath.join(' › '), scheme: `${base}/facets/section` },
    ...item.projects.map((p) => ({ term: p, label: p, scheme: `${base}/facets/project` })),
    ...item.kernelVersions.map((v) => ({ term: v, label: `Linux ${v}`, scheme: `${base}/facets/kernel` })),
  ];
}

export function feedEntry(item: IndexedItem, base: string, fields: readonly FeedField[] | null): FeedEntry {
  const wants = (f: FeedField) => fields === null || fields.includes(f);
  const link = webUrl(item.url) ?? permalink(base, item.id);
  return {
    id: permalink(base, item.id),
    title: item.title,
    link: wants('url') ? link : null,
    authors: wants('authors') ? item.authors : null,
    categories: wants('categories') ? categories(item, base) : null,
    summary: wants('summary') ? item.text : null,
    date: rfc3339(item.date ?? item.issue.date),
    updated: item.firstSeen,
  };
}

/**
 * When the feed last changed: the latest time one of its entries was first
 * indexed (an item published long ago but indexed today is news today), else
 * the newest issue's date.
 */
export function feedUpdated(entries: readonly FeedEntry[], issues: readonly Issue[]): string {
  const newest = entries.reduce<string | null>((max, e) => (max === null || Date.parse(e.updated) > Date.parse(max) ? e.updated : max), null);
  const issueDates = issues.map((i) => i.date).sort();
  return newest ?? rfc3339(issueDates[issueDates.length - 1] ?? '1970-01-01');
}

import type { ErrorBody, FacetsBody, HitBody } from '../http/index.js';
import type { FilterParameter } from '../search/index.js';

/** The hit fields the widget shows: asked for with `fields=`, so answers stay small. */
export const WIDGET_FIELDS = ['title', 'url', 'permalink', 'issue', 'sectionPath', 'authors', 'date', 'snippet', 'highlight'] as const;
export type WidgetHit = Pick<HitBody, 'id' | (typeof WIDGET_FIELDS)[number]>;

/** The part of a /search answer the widget reads; the types come from the API's own schemas. */
export interface SearchAnswer {
  total: number;
  relaxed: boolean;
  hits: WidgetHit[];
  facets: FacetsBody;
}

/** The filters /search takes as query parameters, which `filters="kernel=5.13"` and chips set: the API's own names (a type: the bundle carries no copy). */
export type FilterName = FilterParameter;
export type Refinement = readonly [FilterName, string];

/**
 * `kernel=5.13&author=Paul Chaignon` (the attribute's form) to refinements.
 * Names go to the API as written: one it does not know is its 400, shown in
 * the error state, so a typo in the attribute is seen rather than ignored.
 */
export function parseFilters(text: string | null): Refinement[] {
  const out: Refinement[] = [];
  for (const [name, value] of new URLSearchParams(text ?? '')) if (value !== '') out.push([name as FilterName, value]);
  return out;
}

export interface SearchParams {
  q: string;
  refinements: readonly Refinement[];
  limit: number;
  facets: readonly string[];
  sort?: '-date';
}

export function searchUrl(endpoint: string, params: SearchParams): string {
  const url = new URL('search', endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  if (params.q) url.searchParams.set('q', params.q);
  for (const [name, value] of params.refinements) url.searchParams.append(name, value);
  url.searchParams.set('limit', String(params.limit));
  url.searchParams.set('fields', WIDGET_FIELDS.join(','));
  if (params.sort) url.searchParams.set('sort', params.sort);
  if (params.facets.length > 0) {
    url.searchParams.set('facets', params.facets.join(','));
    url.searchParams.set('facetLimit', '4');
  }
  return url.href;
}

/** An answer the API gave but refused (a 4xx with its message), as opposed to an unreachable API. */
export class RefusedError extends Error {}

export async function fetchAnswer(url: string, signal: AbortSignal): Promise<SearchAnswer> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new RefusedError(body?.message ?? `The archive answered ${response.status}.`);
  }
  return (await response.json()) as SearchAnswer;
}

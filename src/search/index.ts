/** Items to answers: the public face of src/search. Pure: no Fastify, no I/O but reading data/synonyms.json. */
export { buildSearchIndex, issueMidnight, SearchIndex, FACET_NAMES, type FacetName, type IndexedItem, type SearchIndexOptions, type SerializedMiniSearch } from './search-index.js';
export { search, SORT_ORDERS, PAGE_LIMITS, RELAX_BELOW, SEARCH_BUDGET_MS, type SearchRequest, type SearchOutcome, type Hit, type SortOrder } from './search.js';
export { suggest, MAX_SUGGESTIONS, type Suggestion } from './suggest.js';
export { IndexHolder, type ArchiveSource, type ReloadFailure } from './index-holder.js';
export { allFacetValues, type FacetCount } from './facets.js';
export { loadSynonyms, compileSynonyms, type Synonyms } from './synonyms.js';
export { parseQuery, printQuery, MAX_QUERY_LENGTH, MAX_CLAUSES, MAX_QUERY_WORDS, type QueryTree, type Clause } from './query-language.js';
export { parseFilterValue, FILTER_FIELDS, type FilterClause, type FilterField } from './filters.js';
export { filtersFromParams, parseSince, type FilterParams } from './params.js';
export { docsMatching } from './filter-mask.js';
export { QueryError } from './errors.js';
export { escapeHtml, unmarked } from './snippets.js';
export { relatedItems, salientTerms, type RelatedHit, type RelatedReasons, type SalientTerm } from './related.js';
export { LruCache, hashKey, stringBytes } from './lru-cache.js';
export { DEFAULT_MATCH_CACHE_BYTES, searchCacheBytes } from './match-cache.js';
export { MAX_TYPO_WORD_LENGTH } from './typos.js';
export { FIELDS, QUERY_FILTER_EXAMPLES, LIST_FIELDS, FILTER_PARAMETERS, BOUND_PARAMETERS, BOUNDS, spec as fieldSpec, type FieldName, type ListField, type FieldSpec, type FilterParameter } from './fields.js';

import { ReloadOutcomeSchema } from './admin.js';
import { ErrorSchema, JsonRpcErrorSchema, JsonRpcMessageSchema } from './errors.js';
import { FacetCountSchema, FacetNameSchema, FacetsSchema, FacetValuesSchema } from './facets.js';
import { JsonFeedSchema } from './feeds.js';
import { HealthSchema, ReadinessSchema } from './health.js';
import { IssueDetailSchema, IssueListSchema, IssueSummarySchema } from './issues.js';
import { AppearanceSchema, HitSchema, IssueRefSchema, ItemSchema, ItemSummarySchema, LinkSchema, PartialHitSchema, RelatedHitSchema, RelatedReasonsSchema, RelatedResponseSchema } from './items.js';
import { LookupResponseSchema } from './lookup.js';
import { SearchResponseSchema, SuggestResponseSchema } from './search.js';

/**
 * The API's schemas, one file per resource, each with an `$id`: registered
 * once with `addSchema` (in this order: a schema after those it refers to),
 * referenced by routes with `Type.Ref`, and emitted by @fastify/swagger as
 * OpenAPI components. The TypeScript types come from the same objects.
 */
export const SCHEMAS = [
  ErrorSchema,
  IssueRefSchema,
  LinkSchema,
  AppearanceSchema,
  ItemSchema,
  ItemSummarySchema,
  HitSchema,
  PartialHitSchema,
  RelatedReasonsSchema,
  RelatedHitSchema,
  FacetCountSchema,
  FacetNameSchema,
  FacetsSchema,
  IssueSummarySchema,
  SearchResponseSchema,
  IssueListSchema,
  IssueDetailSchema,
  FacetValuesSchema,
  SuggestResponseSchema,
  HealthSchema,
  ReadinessSchema,
  RelatedResponseSchema,
  JsonFeedSchema,
  ReloadOutcomeSchema,
  LookupResponseSchema,
  JsonRpcMessageSchema,
  JsonRpcErrorSchema,
];

export * from './admin.js';
export * from './errors.js';
export * from './facets.js';
export * from './feeds.js';
export * from './health.js';
export * from './issues.js';
export * from './items.js';
export * from './lookup.js';
export * from './search.js';

import { Type, type Static } from '@sinclair/typebox';
import { FACET_NAMES, type FacetName } from '../../search/index.js';
import { pagingQuery } from '../paging.js';
import { pageFields } from './paging.js';

export const FacetCountSchema = Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 1 }) }, { $id: 'FacetCount' });

export const FacetNameSchema = Type.Unsafe<FacetName>({
  $id: 'FacetName',
  type: 'string',
  enum: [...FACET_NAMES],
  description: '`section` is the deepest heading of an item; `year` comes from its date.',
});

/** Per facet (fields.ts), its values with their counts. */
const facetValues = () => Type.Optional(Type.Array(Type.Ref(FacetCountSchema)));
const facetProperties = Object.fromEntries(FACET_NAMES.map((name) => [name, facetValues()])) as { [K in FacetName]: ReturnType<typeof facetValues> };

export const FacetsSchema = Type.Object(facetProperties, {
  $id: 'Facets',
  description: 'Per facet, its values with their counts over every matching item, most frequent first.',
});

export const FacetValuesSchema = Type.Object(
  { name: Type.Ref(FacetNameSchema), ...pageFields('Distinct values.'), values: Type.Array(Type.Ref(FacetCountSchema)) },
  { $id: 'FacetValues', description: 'Every value of one facet over the whole archive, most frequent first.' },
);

export const FacetParamsSchema = Type.Object({ name: Type.Ref(FacetNameSchema) });

export const FacetValuesQuerySchema = pagingQuery({ defaultLimit: 1000, maxLimit: 1000, maxOffset: 10_000_000 });

export type FacetsBody = Static<typeof FacetsSchema>;

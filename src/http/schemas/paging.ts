import { Type } from '@sinclair/typebox';

/**
 * The fields every paged list has: where this page is, and the URLs of the
 * pages around it, the same as the `Link` header's, for clients that cannot
 * read headers (a browser reading another origin, without CORS exposure).
 */
export function pageFields(total = 'Entries in the whole list, whatever the page.') {
  return {
    total: Type.Integer({ description: total }),
    offset: Type.Integer(),
    limit: Type.Integer(),
    next: Type.Union([Type.String(), Type.Null()], { description: 'The next page: this URL with only `offset` changed (the `Link` header\'s rel="next"); null on the last page.' }),
    prev: Type.Union([Type.String(), Type.Null()], { description: 'The previous page (rel="prev"); null on the first.' }),
  };
}

/**
 * A request the search layer cannot answer because of what it says (a bad
 * token, a malformed filter value). The HTTP layer turns it into a 400.
 */
export class QueryError extends Error {
  override name = 'QueryError';
  readonly statusCode = 400;
  constructor(
    message: string,
    /** The query parameter at fault (`q`, `kernel`, ...). */
    readonly parameter: string,
    /** The token of `q` at fault, when there is one. */
    readonly token?: string,
  ) {
    super(message);
  }
}

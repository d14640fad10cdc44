/** An error a route throws for the one error handler to answer: 4xx with its message. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    /** The parameter at fault, echoed in the body. */
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string, parameter?: string): HttpError => new HttpError(404, message, parameter);

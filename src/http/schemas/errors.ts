import { Type, type Static } from '@sinclair/typebox';

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer({ examples: [400] }),
    error: Type.String({ examples: ['Bad Request'] }),
    message: Type.String({ examples: ['invalid kernel "banana" in parameter "kernel": expected a version like 5.13, >=5.12 or 5.10..5.13'] }),
    parameter: Type.Optional(Type.String({ description: 'The query or path parameter at fault.' })),
    token: Type.Optional(Type.String({ description: 'The token of `q` at fault.' })),
    requestId: Type.Optional(Type.String({ description: 'Quote it when reporting a server error.' })),
  },
  { $id: 'Error', description: 'Every error: 4xx say what was wrong, 5xx only give the request id.' },
);

export type ErrorBody = Static<typeof ErrorSchema>;

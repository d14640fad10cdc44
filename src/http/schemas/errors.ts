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

/** A JSON-RPC 2.0 message as MCP sends them (https://www.jsonrpc.org/specification): a request, notification, result or error. */
export const JsonRpcMessageSchema = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    id: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])),
    method: Type.Optional(Type.String({ description: 'initialize, tools/list, tools/call, resources/list, resources/read, ...' })),
    params: Type.Optional(Type.Object({}, { additionalProperties: true })),
    result: Type.Optional(Type.Object({}, { additionalProperties: true })),
    error: Type.Optional(Type.Object({ code: Type.Integer(), message: Type.String(), data: Type.Optional(Type.Unknown()) })),
  },
  { $id: 'JsonRpcMessage', additionalProperties: true },
);

export const JsonRpcErrorSchema = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    error: Type.Object({ code: Type.Integer(), message: Type.String() }),
    id: Type.Union([Type.String(), Type.Integer(), Type.Null()]),
  },
  { $id: 'JsonRpcError' },
);

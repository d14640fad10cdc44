import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadOpenapi } from '../http/index.js';
import { HELP_OPTION } from './config-options.js';
import type { CommandIO } from './io.js';

export const OPENAPI_HELP = `Usage: ebpf-archive openapi [--out FILE]

Prints the OpenAPI document generated from the route schemas, or writes it
to FILE (npm run openapi writes openapi/openapi.json).
`;

export async function openapiCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, ...HELP_OPTION }, strict: true });
  if (values.help) {
    io.stdout(OPENAPI_HELP);
    return 0;
  }
  const { formatOpenapi, openapiDocument } = await loadOpenapi();
  const text = formatOpenapi(await openapiDocument());
  if (values.out) await writeFile(values.out, text);
  else io.stdout(text);
  return 0;
}

import { readFileSync } from 'node:fs';

/** This package's name and version (package.json, read once): the OpenAPI document's and the MCP server's. */
export const PACKAGE_INFO = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

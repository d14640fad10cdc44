import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

// pino-pretty is only loaded when a person watches a terminal: services never pay for it.
const require = createRequire(import.meta.url);

type Destination = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * pino JSON, one object a line, for machines; readable colored lines when a
 * person watches a terminal outside production.
 */
export function createLogger(level: string, destination: Destination = process.stdout, env: Record<string, string | undefined> = process.env): Logger {
  if (destination.isTTY && env['NODE_ENV'] !== 'production') {
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination, sync: true }));
  }
  return pino({ level }, destination);
}

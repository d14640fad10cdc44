import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

// pino-pretty is only loaded when a person watches a terminal: services never pay for it.
const require = createRequire(import.meta.url);

type Destination = NodeJS.WritableStream & { isTTY?: boolean };

/** Bytes of log lines gathered before one write, and the longest a line waits when traffic is low. */
export const LOG_BUFFER_BYTES = 4096;
export const LOG_FLUSH_MS = 500;

/**
 * pino JSON, one object a line, for machines; readable colored lines when a
 * person watches a terminal outside production. To standard output (the
 * default), lines are written asynchronously, gathered up to LOG_BUFFER_BYTES
 * (one write instead of one per request line: a sixth of a cached answer's
 * cost) and flushed every LOG_FLUSH_MS; pino flushes what is left,
 * synchronously, when the process exits, so a shutdown or a crash loses no line.
 */
export function createLogger(level: string, destination: Destination = process.stdout, env: Record<string, string | undefined> = process.env): Logger {
  if (destination.isTTY && env['NODE_ENV'] !== 'production') {
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination, sync: true }));
  }
  if (destination !== process.stdout) return pino({ level }, destination);
  const buffered = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  setInterval(() => buffered.flush(), LOG_FLUSH_MS).unref();
  return pino({ level }, buffered);
}

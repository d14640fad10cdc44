import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

type Destination = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * pino JSON, one object a line, for machines; readable colored lines when a
 * person watches a terminal outside production.
 */
export function createLogger(level: string, destination: Destination = process.stdout, env: Record<string, string | undefined> = process.env): Logger {
  if (destination.isTTY && env['NODE_ENV'] !== 'production') {
    return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination, sync: true }));
  }
  return pino({ level }, destination);
}

import { ConfigError, type Config } from './config.js';

/** The service could not start although its configuration is valid (a port in use): exit code 1. */
export class StartError extends Error {
  override name = 'StartError';
}

/**
 * What a failed listen means, in one line saying how to fix it: a HOST that
 * names no address of this machine is a configuration mistake (ConfigError);
 * a busy or forbidden port is a start that failed (StartError).
 */
export function listenError(error: unknown, config: Pick<Config, 'host' | 'port'>): Error {
  const code = (error as { code?: string }).code;
  const where = `${config.host}:${config.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new StartError(`port ${config.port} on ${config.host} is already in use (another ebpf-archive serve?): stop it, or choose another PORT`);
    case 'EACCES':
      return new StartError(`not allowed to listen on ${where}: ports below 1024 need privileges; choose another PORT`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ConfigError(`HOST ${config.host} does not resolve to an address: use an address of this machine (127.0.0.1, 0.0.0.0, ::) or a name that resolves`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST ${config.host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 (every interface) or one of its own addresses`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

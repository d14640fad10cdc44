import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?$`);
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/**
 * Whether `value` is a URL authority we build links on: a host name or IPv4
 * address, or a bracketed IPv6 address, with an optional port 1-65535.
 * Stricter than RFC 3986's reg-name on purpose: what passes is spliced into
 * JSON, HTML, XML and Link headers, and needs no escaping in any of them.
 */
export function isAuthority(value: string): boolean {
  let host = value;
  let port: string | undefined;
  const bracket = value.startsWith('[') ? value.indexOf(']') : -1;
  const colon = bracket >= 0 ? (value[bracket + 1] === ':' ? bracket + 1 : -1) : value.indexOf(':');
  if (colon >= 0) {
    host = value.slice(0, colon);
    port = value.slice(colon + 1);
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return false;
  if (bracket >= 0) return IPV6.test(host) && URL.canParse(`http://${value}/`);
  // Names that look like IPv4 addresses (1.2.3.4.5, 999.1.1.1, 0x10) are what a URL parser rewrites or refuses: a link must keep the host as sent.
  return HOSTNAME.test(host) && URL.canParse(`http://${value}/`) && new URL(`http://${value}/`).hostname === host.toLowerCase();
}

const quoted = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);

/**
 * Refuses a request whose Host (or, behind a trusted proxy,
 * X-Forwarded-Host and X-Forwarded-Proto) could not be the base of a link:
 * a 400 naming the header, before any route runs. An absent or empty Host
 * (HTTP/1.0) is allowed: the base is then the address the request came in on.
 */
export function checkOrigin(request: FastifyRequest): void {
  const host = request.host;
  const forwarded = request.headers['x-forwarded-host'] !== undefined && host !== request.headers.host;
  if (host !== '' && !isAuthority(host)) {
    throw new HttpError(400, `invalid ${forwarded ? 'X-Forwarded-Host' : 'Host'} header ${quoted(host)}: expected a host name or address with an optional port`, forwarded ? 'x-forwarded-host' : 'host');
  }
  const protocol = (request.protocol as string).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') {
    throw new HttpError(400, `invalid X-Forwarded-Proto header ${quoted(protocol)}: expected http or https`, 'x-forwarded-proto');
  }
}

/** The address a request without a Host came in on, as an authority. */
function localAuthority(request: FastifyRequest): string {
  const address = request.socket?.localAddress ?? '127.0.0.1';
  const port = request.socket?.localPort;
  const host = address.includes(':') ? `[${address}]` : address;
  return port ? `${host}:${port}` : host;
}

/** Where permalinks point: the configured public URL, else the origin the client used (checked by `checkOrigin`). */
export function publicBase(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return publicUrl.replace(/\/+$/, '');
  // Schemes are case-insensitive (RFC 3986): a proxy sending `HTTPS` means https.
  return `${request.protocol.toLowerCase()}://${request.host || localAuthority(request)}`;
}

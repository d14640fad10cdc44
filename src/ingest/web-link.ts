/** A link as the WHATWG URL parser reads it, or null for what it refuses. */
export function parsedUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The host as links name it interchangeably: lower case, without `www.`. */
export function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

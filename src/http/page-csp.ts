import { createHash } from 'node:crypto';

/**
 * A Content-Security-Policy for a page of ours whose only inline content is
 * one style element: allowed by its hash, so no 'unsafe-inline' anywhere.
 * `extra` adds sources (the demo page runs the widget: scripts and fetches
 * from this origin).
 */
export function inlineStyleCsp(style: string, extra: Record<string, string> = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'style-src': `'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    'img-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    ...extra,
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

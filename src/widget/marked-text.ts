const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Appends an API highlight (escaped text with `<mark>` around matches) as DOM
 * nodes: `<mark>` elements and text nodes, nothing else. The string never goes
 * through innerHTML, so whatever it holds shows as text.
 */
export function appendMarked(parent: Node, html: string): void {
  let into: Node = parent;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') {
      const mark = document.createElement('mark');
      parent.appendChild(mark);
      into = mark;
    } else if (piece === '</mark>') {
      into = parent;
    } else if (piece !== '') {
      into.appendChild(document.createTextNode(piece.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)));
    }
  }
}

/**
 * Only web links become hrefs: an archive link with another scheme stays inert.
 * The browser's copy of `webUrl` in src/http/present.ts, on purpose: the widget
 * takes only types from the server's code, so its bundle carries none of it.
 */
export function webUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

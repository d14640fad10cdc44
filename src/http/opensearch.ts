import { element } from './feeds/xml.js';

/**
 * The OpenSearch 1.1 description (https://github.com/dewitt/opensearch):
 * what lets a browser offer this archive as a search engine. Searches open
 * the demo page with the query in its widget; the JSON API and the Atom feed
 * of a search are described too, for clients that read them.
 */
export function openSearchDescription(base: string): string {
  const url = (type: string, template: string, rel?: string) => element('Url', { type, method: 'get', template: `${base}${template}`, ...(rel ? { rel } : {}) });
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  ${element('ShortName', {}, 'eBPF Updates')}
  ${element('Description', {}, 'Search every item of the eBPF Updates newsletter: articles, talks, kernel patches and releases.')}
  ${element('InputEncoding', {}, 'UTF-8')}
  ${element('OutputEncoding', {}, 'UTF-8')}
  ${url('text/html', '/?q={searchTerms}')}
  ${url('application/json', '/search?q={searchTerms}&limit={count?}&offset={startIndex?}')}
  ${url('application/atom+xml', '/feed.atom?q={searchTerms}')}
  ${url('application/opensearchdescription+xml', '/opensearch.xml', 'self')}
  ${element('Query', { role: 'example', searchTerms: 'tail calls' })}
</OpenSearchDescription>
`;
}

export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';

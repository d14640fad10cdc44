import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bareHost, parsedUrl } from './web-link.js';

/** One entry of `data/projects.json`. */
export interface ProjectEntry {
  /** Canonical name, as it appears in tags and facets. */
  name: string;
  /** Ways the text names it; the name itself is always included. */
  aliases?: string[];
  /** Aliases that are ordinary words in lower case (`Go`, `Pixie`) match only as written. */
  caseSensitive?: string[];
  /** `host[/path]` prefixes of urls that belong to the project, e.g. `github.com/cilium/ebpf`. */
  urls?: string[];
}

export interface VocabularyFiles {
  projects: ProjectEntry[];
  organisations: string[];
}

/** Curated data, compiled once into matchers the parser can use per item. */
export interface Vocabulary {
  projects: ProjectEntry[];
  /** Lower-cased names of organisations, which are never authors. */
  organisations: ReadonlySet<string>;
  /** Text matchers: regex plus the project each lower-cased (or exact) alias names. */
  insensitive: { pattern: RegExp; names: Map<string, string> };
  sensitive: { pattern: RegExp; names: Map<string, string> };
  /** Url prefixes, longest first: `{ host, path, name }`. */
  urls: { host: string; path: string; name: string }[];
}

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
// Immutable, shared: localeCompare with options would build a collator per comparison.
const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function matcher(aliases: Map<string, string>, flags: string): { pattern: RegExp; names: Map<string, string> } {
  const alternatives = [...aliases.keys()].sort((a, b) => b.length - a.length).map(escape);
  // Never inside another word, a dotted host name or an identifier: `cilium` in `cilium/ebpf` is not Cilium.
  const body = alternatives.length > 0 ? alternatives.join('|') : '(?!)';
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}_@.\\-])(?:${body})(?![\\p{L}\\p{N}_/]|\\.[\\p{L}\\p{N}])`, flags), names: aliases };
}

/** Compiles the curated files into a Vocabulary; throws on a malformed entry. */
export function compileVocabulary(files: VocabularyFiles): Vocabulary {
  const insensitive = new Map<string, string>();
  const sensitive = new Map<string, string>();
  const urls: Vocabulary['urls'] = [];
  for (const entry of files.projects) {
    if (!entry || typeof entry.name !== 'string' || entry.name.trim() === '') {
      throw new Error(`project entry without a name: ${JSON.stringify(entry)}`);
    }
    const exact = new Set(entry.caseSensitive ?? []);
    for (const alias of exact) sensitive.set(alias, entry.name);
    for (const alias of [entry.name, ...(entry.aliases ?? [])]) {
      if (!exact.has(alias)) insensitive.set(alias.toLowerCase(), entry.name);
    }
    for (const prefix of entry.urls ?? []) {
      const [host = '', ...path] = prefix.toLowerCase().split('/');
      urls.push({ host, path: path.length > 0 ? `/${path.join('/')}` : '', name: entry.name });
    }
  }
  urls.sort((a, b) => b.host.length + b.path.length - (a.host.length + a.path.length));
  return {
    projects: files.projects,
    organisations: new Set(files.organisations.map((o) => o.toLowerCase())),
    insensitive: matcher(insensitive, 'giu'),
    sensitive: matcher(sensitive, 'gu'),
    urls,
  };
}

/** Reads `projects.json` and `organisations.json` from `dir` (default: the repo's `data/`). */
export function loadVocabulary(dir: string = DATA_DIR): Vocabulary {
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, `file://${dir.endsWith('/') ? dir : `${dir}/`}`), 'utf8'));
  const projects = (read('projects.json') as { projects: ProjectEntry[] }).projects;
  const organisations = (read('organisations.json') as { organisations: string[] }).organisations;
  if (!Array.isArray(projects) || !Array.isArray(organisations)) {
    throw new Error(`vocabulary files in ${dir} must hold { projects: [...] } and { organisations: [...] }`);
  }
  return compileVocabulary({ projects, organisations });
}

function projectOfUrl(vocabulary: Vocabulary, raw: string): string | null {
  const url = parsedUrl(raw);
  if (!url) return null;
  const host = bareHost(url);
  const path = url.pathname.toLowerCase().replace(/\/+$/, '');
  for (const p of vocabulary.urls) {
    const hostMatches = host === p.host || host.endsWith(`.${p.host}`);
    if (hostMatches && (p.path === '' || path === p.path || path.startsWith(`${p.path}/`))) return p.name;
  }
  return null;
}

/** Canonical project names named in `text` or owning one of `urls`, alphabetical. */
export function matchProjects(vocabulary: Vocabulary, text: string, urls: string[]): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(vocabulary.insensitive.pattern)) {
    const name = vocabulary.insensitive.names.get(m[0].toLowerCase());
    if (name) found.add(name);
  }
  for (const m of text.matchAll(vocabulary.sensitive.pattern)) {
    const name = vocabulary.sensitive.names.get(m[0]);
    if (name) found.add(name);
  }
  for (const url of urls) {
    const name = projectOfUrl(vocabulary, url);
    if (name) found.add(name);
  }
  return [...found].sort(NAME_ORDER.compare);
}

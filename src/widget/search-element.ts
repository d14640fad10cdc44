import { fetchAnswer, parseFilters, RefusedError, searchUrl, type FilterName, type Refinement, type SearchAnswer, type WidgetHit } from './api.js';
import { adoptStyles, el } from './dom.js';
import { appendMarked, webUrl } from './marked-text.js';
import { STYLES } from './styles.js';

/**
 * What the widget shows; mirrored on the host as `data-state` for styling and
 * tests, with `data-query`: the text the shown answer is for (a test or a host
 * page waits for both, not for the answer to a half-typed word).
 */
export type WidgetState = 'idle' | 'loading' | 'results' | 'empty' | 'error';

const CHIP_FACETS: readonly FilterName[] = ['author', 'project', 'kernel'];
const CHIPS_PER_FACET = 3;

function clampInt(text: string | null, fallback: number, min: number, max: number): number {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/**
 * `<ebpf-updates-search endpoint="https://archive.example">`: a search box over
 * the eBPF Updates archive with results as you type, or (`mode="latest"`) the
 * newest items for a filter. Everything it renders lives in an open shadow root.
 *
 * Keyboard: the results are a list of ordinary links, so Tab reaches every
 * one (each result's title, Original, Permalink, in reading order); the arrow
 * keys are a shortcut moving focus from the box through the titles, Escape
 * goes back to the box (and, in the box, clears it).
 */
export class EbpfUpdatesSearch extends HTMLElement {
  static readonly observedAttributes = ['endpoint', 'limit', 'filters', 'mode', 'facets', 'label', 'placeholder', 'q'];

  private readonly root: ShadowRoot;
  private input: HTMLInputElement | null = null;
  private list: HTMLElement | null = null;
  private status: HTMLElement | null = null;
  private chips: HTMLElement | null = null;
  private hits: WidgetHit[] = [];
  /** Filters picked from the chips, on top of the `filters` attribute. */
  private picked: Refinement[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | null = null;
  /** Answers arriving after a newer request started are dropped, even if the abort came too late. */
  private sequence = 0;
  /** Attributes set together (as the parser sets them on upgrade) make one build, hence one request. */
  private buildQueued = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.root, STYLES);
  }

  connectedCallback(): void {
    this.queueBuild();
  }

  disconnectedCallback(): void {
    this.cancel();
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (old !== value && this.isConnected) this.queueBuild();
  }

  private queueBuild(): void {
    if (this.buildQueued) return;
    this.buildQueued = true;
    queueMicrotask(() => {
      this.buildQueued = false;
      if (this.isConnected) this.build();
    });
  }

  private get latest(): boolean {
    return this.getAttribute('mode') === 'latest';
  }

  private get limit(): number {
    return clampInt(this.getAttribute('limit'), 5, 1, 20);
  }

  private get facets(): FilterName[] {
    const text = this.getAttribute('facets');
    if (text === 'none' || this.latest) return [];
    return text ? CHIP_FACETS.filter((f) => text.split(',').includes(f)) : [...CHIP_FACETS];
  }

  /** Renders the skeleton afresh (attributes changed or first connection) and runs the search it implies. */
  private build(): void {
    this.cancel();
    this.hits = [];
    this.picked = [];
    for (const node of [...this.root.childNodes]) node.remove();
    this.status = el('p', { class: 'status', id: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
    this.chips = el('div', { class: 'chips', part: 'chips', role: 'group', 'aria-label': 'Refine results' });
    if (this.latest) {
      const heading = el('p', { class: 'heading', id: 'heading', part: 'label' }, this.getAttribute('label') ?? 'Latest in eBPF Updates');
      this.list = el('ul', { class: 'results', part: 'results', 'aria-labelledby': 'heading' });
      this.input = null;
      this.root.append(el('div', { class: 'box', part: 'box' }, heading, this.status, this.list));
      this.run();
      return;
    }
    this.list = el('ul', { class: 'results', id: 'results', part: 'results', 'aria-label': 'Results' });
    this.list.addEventListener('keydown', (event) => this.onListKey(event));
    const input = el('input', {
      id: 'q',
      part: 'input',
      type: 'search',
      'aria-controls': 'results',
      'aria-describedby': 'status',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: this.getAttribute('placeholder') ?? 'tail calls, author:"Paul Chaignon", kernel:5.13',
    });
    input.value = this.getAttribute('q') ?? '';
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (event) => this.onKey(event));
    this.input = input;
    const label = el('label', { for: 'q', part: 'label' }, this.getAttribute('label') ?? 'Search eBPF Updates');
    this.root.append(el('div', { class: 'box', part: 'box' }, label, input, this.chips, this.status, this.list));
    this.setState('idle');
    if (input.value.trim() !== '') this.run();
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = null;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), clampInt(this.getAttribute('debounce'), 150, 0, 2000));
  }

  private setState(state: WidgetState, message = ''): void {
    this.setAttribute('data-state', state);
    this.list?.setAttribute('aria-busy', String(state === 'loading'));
    if (this.status) {
      this.status.textContent = message;
      this.status.classList.toggle('error', state === 'error');
      this.status.setAttribute('part', state === 'error' ? 'status error' : 'status');
    }
  }

  /** Searches now with what is typed and picked; with nothing to search for, clears. */
  private run(): void {
    this.cancel();
    const q = this.input?.value.trim() ?? '';
    const endpoint = this.getAttribute('endpoint');
    if (!endpoint) return this.show([], 'error', 'Set the endpoint attribute to the archive API address.');
    if (!this.latest && q === '' && this.picked.length === 0) {
      this.setAttribute('data-query', '');
      return this.show([], 'idle', '');
    }
    const controller = new AbortController();
    this.controller = controller;
    const sequence = ++this.sequence;
    const url = searchUrl(endpoint, {
      q,
      refinements: [...parseFilters(this.getAttribute('filters')), ...this.picked],
      limit: this.limit,
      facets: this.facets,
      ...(this.latest || q === '' ? { sort: '-date' as const } : {}),
    });
    this.setState('loading', 'Searching…');
    fetchAnswer(url, controller.signal).then(
      (answer) => sequence === this.sequence && (this.setAttribute('data-query', q), this.answer(answer, q)),
      (error: unknown) => {
        if (sequence !== this.sequence || controller.signal.aborted) return;
        const message = error instanceof RefusedError ? error.message : 'The eBPF Updates archive cannot be reached right now.';
        this.setAttribute('data-query', q);
        this.show([], 'error', message);
      },
    );
  }

  private answer(answer: SearchAnswer, q: string): void {
    if (answer.hits.length === 0) {
      this.show([], 'empty', q ? `No item matches “${q}”.` : 'No item matches these filters.');
    } else {
      const count = `${answer.total} ${answer.total === 1 ? 'item' : 'items'}`;
      this.show(answer.hits, 'results', answer.relaxed ? `${count} matching most of your words` : count);
    }
    this.renderChips(answer);
  }

  private show(hits: WidgetHit[], state: WidgetState, message: string): void {
    this.hits = hits;
    this.list?.replaceChildren(...hits.map((hit, i) => this.renderHit(hit, i)));
    if (state === 'idle' || state === 'error') this.chips?.replaceChildren(...this.pickedChips());
    this.setState(state, message);
  }

  /** Where a result opens: its original or its permalink, whichever is a web link (an answer is never trusted to be one). */
  private href(hit: WidgetHit): string | null {
    const permalink = webUrl(hit.permalink);
    return this.getAttribute('open') === 'permalink' ? permalink : (webUrl(hit.url) ?? permalink);
  }

  private renderHit(hit: WidgetHit, i: number): HTMLElement {
    const href = this.href(hit);
    // Without a web link there is nothing to open: text the arrow keys can still land on.
    const title = href ? el('a', { class: 'title', href, part: 'title', ...this.linkTarget() }) : el('span', { class: 'title', tabindex: '-1', part: 'title' });
    appendMarked(title, hit.highlight.title);
    if (href) title.addEventListener('click', (event) => this.announceOpen(event, hit, href));
    const meta = [`Issue #${hit.issue.number}`, hit.date ?? hit.issue.date, hit.sectionPath.join(' › ')];
    if (hit.authors.length > 0) meta.push(`from ${hit.authors.join(', ')}`);
    const snippet = el('p', { class: 'snippet', part: 'snippet' });
    appendMarked(snippet, hit.snippet);
    const original = webUrl(hit.url);
    const permalink = webUrl(hit.permalink);
    // Named for what they open, so a list of links read out of context still says which result.
    const links = el(
      'div',
      { class: 'links' },
      ...(original ? [el('a', { href: original, rel: 'noopener', 'aria-label': `Original: ${hit.title}`, ...this.linkTarget() }, 'Original')] : []),
      ...(permalink ? [el('a', { href: permalink, 'aria-label': `Permalink: ${hit.title}`, ...this.linkTarget() }, 'Permalink')] : []),
    );
    const li = el('li', { class: 'result', part: 'result' }, title, el('div', { class: 'meta', part: 'meta' }, meta.join(' · ')), snippet, links);
    // A click anywhere on the result (not on one of its links) opens it, as its title would.
    li.addEventListener('click', (event) => {
      if (!(event.target as Element).closest('a')) this.open(i);
    });
    return li;
  }

  private linkTarget(): Record<string, string> {
    return this.getAttribute('target') === '_blank' ? { target: '_blank', rel: 'noopener' } : {};
  }

  private pickedChips(): HTMLElement[] {
    return this.picked.map(([facet, value]) => this.chip(facet, value, null, true));
  }

  private renderChips(answer: SearchAnswer): void {
    const offered: HTMLElement[] = [];
    for (const facet of this.facets) {
      const counts = answer.facets[facet as keyof SearchAnswer['facets']] ?? [];
      const fresh = counts.filter((c) => c.count < answer.total && !this.picked.some(([f, v]) => f === facet && v === c.value));
      for (const c of fresh.slice(0, CHIPS_PER_FACET)) offered.push(this.chip(facet, c.value, c.count, false));
    }
    this.chips?.replaceChildren(...this.pickedChips(), ...offered);
  }

  private chip(facet: FilterName, value: string, count: number | null, pressed: boolean): HTMLElement {
    const label = facet === 'kernel' ? `Linux ${value}` : value;
    // Read as "Paul Chaignon, 1 item", not the label and count run together.
    const name = count === null ? `${label}, remove this filter` : `${label}, ${count} ${count === 1 ? 'item' : 'items'}`;
    const button = el(
      'button',
      { type: 'button', class: 'chip', part: 'chip', 'data-facet': facet, 'aria-pressed': String(pressed), 'aria-label': name, title: pressed ? `Remove ${facet}: ${value}` : `Only ${facet}: ${value}` },
      label,
      ...(count === null ? [' ×'] : [el('span', { class: 'n' }, String(count))]),
    );
    button.addEventListener('click', () => {
      this.picked = pressed ? this.picked.filter(([f, v]) => !(f === facet && v === value)) : [...this.picked, [facet, value]];
      this.run();
    });
    return button;
  }

  /** In the box: Down and Up go to the first and last result, Enter searches at once, Escape clears. */
  private onKey(event: KeyboardEvent): void {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && this.hits.length > 0) {
      event.preventDefault();
      this.focusResult(event.key === 'ArrowDown' ? 0 : this.hits.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.run();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.input!.value = '';
      this.picked = [];
      this.run();
    }
  }

  /** In the results: Down and Up move between titles (past the ends, back to the box), Escape goes back to the box. */
  private onListKey(event: KeyboardEvent): void {
    const titles = this.titles();
    const at = titles.findIndex((title) => title.closest('li')?.contains(this.root.activeElement));
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0 || next >= titles.length) this.input?.focus();
      else this.focusResult(next);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.input?.focus();
    }
  }

  private titles(): HTMLElement[] {
    return [...(this.list?.querySelectorAll<HTMLElement>('.result > .title') ?? [])];
  }

  private focusResult(i: number): void {
    const title = this.titles()[i];
    title?.focus();
    title?.closest('li')?.scrollIntoView({ block: 'nearest' });
  }

  /** A followed title link: the cancelable `ebpf-updates-open` event first, then the browser's own navigation. */
  private announceOpen(event: MouseEvent, hit: WidgetHit, href: string): void {
    const proceed = this.dispatchEvent(new CustomEvent('ebpf-updates-open', { detail: { id: hit.id, href }, bubbles: true, composed: true, cancelable: true }));
    if (!proceed) event.preventDefault();
  }

  /**
   * Opens a result: a cancelable, bubbling `ebpf-updates-open` event first (a
   * host page may route it itself), then the link, in a new tab with `target="_blank"`.
   */
  private open(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    const href = this.href(hit);
    const proceed = this.dispatchEvent(new CustomEvent('ebpf-updates-open', { detail: { id: hit.id, href }, bubbles: true, composed: true, cancelable: true }));
    if (!proceed || href === null) return;
    if (this.getAttribute('target') === '_blank') window.open(href, '_blank', 'noopener');
    else window.location.assign(href);
  }
}

import { EbpfUpdatesSearch } from './search-element.js';

// Defined once, even when a page loads the script twice.
if (!customElements.get('ebpf-updates-search')) customElements.define('ebpf-updates-search', EbpfUpdatesSearch);

export { EbpfUpdatesSearch };

/**
 * The widget's look, scoped to its shadow root. Every colour and size a host
 * page may want to change is a custom property (`--ebpf-*`), read from the
 * host element, so theming needs no access to the shadow tree.
 */
export const STYLES = `
:host{display:block;font:var(--ebpf-font,15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif);color:var(--ebpf-fg,#1d2330);
--_bg:var(--ebpf-bg,#fff);--_muted:var(--ebpf-muted,#5b6475);--_accent:var(--ebpf-accent,#1a5fb4);--_border:var(--ebpf-border,#d0d5de);
--_mark:var(--ebpf-mark,#fff3a3);--_radius:var(--ebpf-radius,6px);--_active:var(--ebpf-active-bg,#eef4fc);--_error:var(--ebpf-error,#b3261e)}
:host([hidden]){display:none}
*{box-sizing:border-box}
.box{background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);padding:.75em}
label,.heading{display:block;font-weight:600;margin:0 0 .4em}
input{width:100%;font:inherit;color:inherit;background:var(--_bg);padding:.5em .7em;border:1px solid var(--_border);border-radius:var(--_radius)}
input:focus-visible,button:focus-visible,a:focus-visible,.title:focus-visible{outline:2px solid var(--_accent);outline-offset:2px}
.chips{display:flex;flex-wrap:wrap;gap:.35em;margin:.5em 0 0}
.chips:empty{display:none}
.chip{font:inherit;font-size:.82em;border:1px solid var(--_border);background:var(--_bg);color:inherit;border-radius:999px;padding:.1em .65em;cursor:pointer}
.chip[aria-pressed=true]{background:var(--_accent);border-color:var(--_accent);color:#fff}
.chip .n{color:var(--_muted);margin-left:.3em}
.chip[aria-pressed=true] .n{color:inherit}
.status{margin:.5em 0 0;color:var(--_muted);font-size:.9em;min-height:1.2em}
.status.error{color:var(--_error)}
.results{list-style:none;margin:.4em 0 0;padding:0}
.result{padding:.55em .6em;border-radius:var(--_radius);cursor:pointer;border:2px solid transparent}
.result+.result{margin-top:.2em}
.result:focus-within{background:var(--_active);border-color:var(--_accent)}
.title{font-weight:600;color:var(--_accent);text-decoration:none}
.title:hover{text-decoration:underline}
.meta{color:var(--_muted);font-size:.82em;margin:.15em 0}
.snippet{margin:.2em 0 0;font-size:.9em}
.links{font-size:.8em;margin-top:.2em;display:flex;gap:.8em}
.links a{color:var(--_muted)}
mark{background:var(--_mark);color:inherit;border-radius:2px;padding:0 1px}
`;

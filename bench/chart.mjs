// An SVG chart of latency and memory against archive size, from in-process results.

const W = 720;
const H = 300;
const M = { top: 36, right: 24, bottom: 48, left: 64 };

const log10 = (x) => Math.log10(Math.max(x, 1e-9));
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** One panel: x = items (log), y = values (log), one polyline per series. */
function panel(title, x0, rows, series, unit) {
  const xs = rows.map((r) => r.items);
  const ys = rows.flatMap((r) => series.map((s) => s.value(r))).filter((v) => v > 0);
  const [xmin, xmax] = [Math.min(...xs), Math.max(...xs)];
  const [ymin, ymax] = [Math.min(...ys) / 1.5, Math.max(...ys) * 1.5];
  const pw = W / 2 - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const px = (v) => x0 + M.left + ((log10(v) - log10(xmin)) / Math.max(1e-9, log10(xmax) - log10(xmin))) * pw;
  const py = (v) => M.top + ph - ((log10(v) - log10(ymin)) / Math.max(1e-9, log10(ymax) - log10(ymin))) * ph;
  const parts = [`<text x="${x0 + W / 4}" y="20" text-anchor="middle" font-weight="bold">${esc(title)}</text>`];
  parts.push(`<rect x="${x0 + M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  for (const r of rows) {
    parts.push(`<line x1="${px(r.items)}" y1="${M.top + ph}" x2="${px(r.items)}" y2="${M.top + ph + 4}" stroke="#999"/>`);
    parts.push(`<text x="${px(r.items)}" y="${M.top + ph + 16}" text-anchor="middle" font-size="10">${r.items.toLocaleString('en')}</text>`);
  }
  for (let e = Math.floor(log10(ymin)); e <= Math.ceil(log10(ymax)); e++) {
    const v = 10 ** e;
    if (v < ymin || v > ymax) continue;
    parts.push(`<line x1="${x0 + M.left}" y1="${py(v)}" x2="${x0 + M.left + pw}" y2="${py(v)}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 + M.left - 6}" y="${py(v) + 4}" text-anchor="end" font-size="10">${v >= 1 ? v : v.toFixed(-e)} ${unit}</text>`);
  }
  parts.push(`<text x="${x0 + M.left + pw / 2}" y="${H - 8}" text-anchor="middle" font-size="11">items (log scale)</text>`);
  series.forEach((s, i) => {
    const points = rows.filter((r) => s.value(r) > 0).map((r) => `${px(r.items).toFixed(1)},${py(s.value(r)).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${s.color}"/>`);
    parts.push(`<text x="${x0 + M.left + 8}" y="${M.top + 14 + i * 14}" font-size="11" fill="${s.color}">${esc(s.label)}</text>`);
  });
  return parts.join('\n');
}

/** The chart for `rows` of bench/in-process.mjs results. */
export function scaleChart(rows) {
  const sorted = [...rows].sort((a, b) => a.items - b.items);
  const latency = panel('Query latency, first run (ms)', 0, sorted, [
    { label: 'p50, all classes', color: '#1f77b4', value: (r) => r.latencyMs.all.first.p50 },
    { label: 'p99, all classes', color: '#d62728', value: (r) => r.latencyMs.all.first.p99 },
    { label: 'p99, two words with typos', color: '#ff7f0e', value: (r) => r.latencyMs['two words, typos'].first.p99 },
  ], 'ms');
  const memory = panel('Memory once built (MB) and build time (s)', W / 2, sorted, [
    { label: 'RSS (MB)', color: '#2ca02c', value: (r) => r.memoryMb.rss },
    { label: 'heap used (MB)', color: '#9467bd', value: (r) => r.memoryMb.heapUsed },
    { label: 'parse + index build (s)', color: '#8c564b', value: (r) => (r.parseMs + r.buildMs) / 1000 },
  ], '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${latency}
${memory}
</svg>
`;
}

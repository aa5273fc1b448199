// A bar chart as SVG built node by node (no library, no markup parsing), with a title for screen
// readers; the numbers are also in the table beside it.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** bars: [{label, value}]. */
export function barChart(title, bars, { width = 640, height = 220 } = {}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-label': title });
  root.appendChild(svg('title', {}, title));
  const bottom = height - 40;
  const slot = (width - 20) / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const barHeight = Math.round((b.value / max) * (bottom - 20));
    const x = 10 + i * slot;
    const rect = svg('rect', {
      x: x + slot * 0.1,
      y: bottom - barHeight,
      width: Math.max(1, slot * 0.8),
      height: barHeight,
      class: 'bar',
    });
    rect.appendChild(svg('title', {}, `${b.label}: ${b.value}`));
    root.appendChild(rect);
    if (bars.length <= 31) {
      root.appendChild(svg('text', { x: x + slot / 2, y: bottom + 14, 'text-anchor': 'middle', class: 'axis' }, b.label.slice(-5)));
    }
  });
  root.appendChild(svg('text', { x: 10, y: 14, class: 'axis' }, `max ${max}`));
  return root;
}

// Building the page from data without ever parsing it as HTML: every string a model, a tool, an
// agent or a user wrote becomes a text node; no markup is ever parsed (ConsoleSourcesTest).

/**
 * Creates an element. attrs: plain attributes, plus `on<Event>` handlers and `class`; children:
 * nodes, strings (as text), arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  // A <pre> scrolls when its text is long: keyboard users must be able to reach and scroll it.
  if (tag === 'pre') el.tabIndex = 0;
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'href' && !String(value).startsWith('#')) {
      // Only the console's own routes are links; a URL from data is shown as text, never followed.
      throw new Error('links go to the console\'s own routes only');
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}

/** A status as a labelled badge; the class only picks a colour. */
export function badge(status) {
  const known = /^[a-z_]+$/.test(status || '') ? status : 'unknown';
  return h('span', { class: `badge badge-${known}` }, status || 'unknown');
}

/** A labelled field in a definition list. */
export function fields(pairs) {
  return h(
    'dl',
    { class: 'fields' },
    pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/** A problem+json answer (or any error) shown as one clear line, with its status. */
export function problemLine(error) {
  const status = error && error.status ? `${error.status} ` : '';
  const title = (error && (error.title || error.message)) || 'request failed';
  const detail = error && error.detail ? `: ${error.detail}` : '';
  return h('p', { class: 'problem', role: 'alert' }, `${status}${title}${detail}`);
}

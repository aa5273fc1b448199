// A run's relatives: the tree of child runs below it, and its lineage (the runs it was replayed or
// forked from, and those derived from it).

import { badge, h, when } from '../dom.js';

/** The run and the runs below it, nested by parent. */
export function treeList(tree) {
  const children = new Map();
  for (const node of tree.runs) {
    const key = node.parentRunId || 'root';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(node);
  }
  const item = (node) =>
    h(
      'li',
      { 'data-tree-run': node.id },
      h('a', { href: `#/runs/${node.id}` }, node.id.slice(0, 8)),
      ' ',
      `${node.agentName} v${node.agentVersion} `,
      badge(node.status),
      ` ${node.steps} steps, ${node.totalTokens} tokens`,
      children.has(node.id) ? h('ul', {}, children.get(node.id).map(item)) : null,
    );
  const root = tree.runs.find((n) => n.id === tree.runId) || tree.runs[0];
  return h(
    'div',
    { class: 'tree' },
    h('h3', {}, 'Tree'),
    root ? h('ul', {}, item(root)) : h('p', {}, 'No runs.'),
    tree.truncated ? h('p', { class: 'hint' }, 'The tree is larger than shown.') : null,
  );
}

/** Where the run came from and what was derived from it. */
export function lineageList(lineage) {
  const row = (r) =>
    h(
      'li',
      {},
      h('a', { href: `#/runs/${r.runId}` }, String(r.runId).slice(0, 8)),
      ` v${r.agentVersion} `,
      badge(r.status),
      ` ${when(r.createdAt)}`,
      r.source && r.source.kind ? ` (${r.source.kind})` : '',
      r.purged ? ' (purged)' : '',
    );
  return h(
    'div',
    { class: 'lineage' },
    h('h3', {}, 'Lineage'),
    h('p', {}, 'From: ', lineage.ancestors.length ? '' : 'a new run, not derived from another.'),
    lineage.ancestors.length ? h('ol', {}, lineage.ancestors.map(row)) : null,
    h('p', {}, 'Derived: ', lineage.derived.length ? '' : 'none.'),
    lineage.derived.length ? h('ul', {}, lineage.derived.map(row)) : null,
  );
}

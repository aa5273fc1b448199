// Agents: the list, and per agent its immutable versions with their specs, a diff between any two
// versions, and its aliases.

import { diffLines } from '../diff.js';
import { fields, fill, h, json, when } from '../dom.js';

export async function agentsView(ctx) {
  const agents = await ctx.api.get('/v1/agents');
  fill(
    ctx.view,
    h('h1', {}, 'Agents'),
    agents.length
      ? h(
          'table',
          { class: 'list', 'aria-label': 'Agents' },
          h('thead', {}, h('tr', {}, ['Name', 'Description', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            agents.map((a) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/agents/${a.id}` }, a.name)),
                h('td', {}, a.description || ''),
                h('td', {}, `${when(a.createdAt)} by ${a.createdBy}`),
              ),
            ),
          ),
        )
      : h('p', {}, 'No agents yet: publish one with POST /v1/agents and /v1/agents/{id}/versions, or POST /v1/apply.'),
  );
}

export async function agentView(ctx, agentId) {
  const { api, view } = ctx;
  const [agent, versions, aliases] = await Promise.all([
    api.get(`/v1/agents/${agentId}`),
    api.get(`/v1/agents/${agentId}/versions`),
    api.get(`/v1/agents/${agentId}/aliases`),
  ]);
  versions.sort((a, b) => b.version - a.version);
  const diff = h('div', { id: 'diff' });
  fill(
    view,
    h('h1', {}, `Agent ${agent.name}`),
    fields([
      ['Id', agent.id],
      ['Description', agent.description],
      ['Created', `${when(agent.createdAt)} by ${agent.createdBy}`],
    ]),
    h('p', {}, h('a', { href: `#/runs?agentName=${encodeURIComponent(agent.name)}` }, 'Runs of this agent')),
    h('h2', {}, 'Aliases'),
    aliases.length
      ? h(
          'table',
          { class: 'list', 'aria-label': 'Aliases' },
          h('thead', {}, h('tr', {}, ['Alias', 'Version', 'Canary', 'Revision', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            aliases.map((a) =>
              h(
                'tr',
                {},
                h('td', {}, a.name),
                h('td', {}, `v${a.version}`),
                h('td', {}, a.canary ? `v${a.canary.version} at ${a.canary.weight}%` : ''),
                h('td', {}, String(a.revision)),
                h('td', {}, `${when(a.updatedAt)} by ${a.updatedBy}`),
              ),
            ),
          ),
        )
      : h('p', {}, 'No aliases.'),
    h('h2', {}, 'Versions'),
    versions.length > 1 ? diffForm(versions, diff) : null,
    diff,
    versions.map((v) =>
      h(
        'details',
        { class: 'version', 'data-version': v.version },
        h('summary', {}, `v${v.version} · ${when(v.createdAt)} by ${v.createdBy} · ${v.contentHash.slice(0, 12)}`),
        h('pre', {}, json(v.spec)),
      ),
    ),
  );
}

function diffForm(versions, target) {
  const pick = (id, label, selected) => [
    h('label', { for: id }, label),
    h('select', { id, name: id }, versions.map((v) => h('option', { value: v.version, selected: v.version === selected }, `v${v.version}`))),
  ];
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': 'Compare versions',
      onSubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const from = versions.find((v) => String(v.version) === data.get('diff-from'));
        const to = versions.find((v) => String(v.version) === data.get('diff-to'));
        const lines = diffLines(json(from.spec), json(to.spec));
        fill(
          target,
          h('h3', {}, `v${from.version} → v${to.version}`),
          h(
            'pre',
            { class: 'diff', 'aria-label': 'Differences' },
            lines.map((l) => h('span', { class: l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'same' }, `${l.op} ${l.line}\n`)),
          ),
        );
      },
    },
    pick('diff-from', 'From', versions[1].version),
    pick('diff-to', 'To', versions[0].version),
    h('button', { type: 'submit' }, 'Compare'),
  );
}

// Runs: filters (status, agent, origin, time) kept in the address, a list whose statuses follow
// the runs live (the first page is read again every few seconds), and a form to start a run.

import { badge, fill, h, when } from '../dom.js';
import { hasRole } from '../auth.js';

export const STATUSES = [
  'queued', 'running', 'paused', 'waiting_for_approval', 'cancelling',
  'succeeded', 'failed', 'cancelled', 'timed_out',
];
const ORIGINS = ['api', 'schedule', 'trigger', 'parent', 'fork'];
const POLL_MS = 3000;

export async function runsView(ctx) {
  const { api, view, query } = ctx;
  const agents = (await api.get('/v1/agents')).filter((a) => a && a.name);
  const filters = filterForm(ctx, agents);
  const body = h('tbody', { id: 'runs-body' });
  const more = h('button', { type: 'button', hidden: true }, 'Older runs');
  const live = h('p', { class: 'hint', 'aria-live': 'polite', id: 'runs-live' });
  fill(
    view,
    h('h1', {}, 'Runs'),
    hasRole('runner', 'agent-admin') ? startForm(ctx, agents) : null,
    filters,
    live,
    h(
      'table',
      { class: 'list', 'aria-label': 'Runs' },
      h('thead', {}, h('tr', {}, ['Run', 'Status', 'Agent', 'Origin', 'Created', 'Steps', 'Tokens'].map((c) => h('th', { scope: 'col' }, c)))),
      body,
    ),
    more,
  );

  const params = listQuery(query);
  const rows = new Map();
  let cursor = null;
  const render = (run, atTop) => {
    const row = h(
      'tr',
      { 'data-run': run.id },
      h('td', {}, h('a', { href: `#/runs/${run.id}` }, run.id.slice(0, 8))),
      h('td', { class: 'status' }, badge(run.status)),
      h('td', {}, `${run.agentName} v${run.agentVersion}`),
      h('td', {}, run.origin),
      h('td', {}, when(run.createdAt)),
      h('td', {}, String(run.steps)),
      h('td', {}, String(run.totalTokens)),
    );
    const old = rows.get(run.id);
    if (old) old.replaceWith(row);
    else if (atTop) body.prepend(row);
    else body.append(row);
    rows.set(run.id, row);
  };
  const page = async (after) => {
    const answer = await api.get('/v1/runs', { ...params, cursor: after });
    answer.items.forEach((run) => render(run, false));
    cursor = answer.nextCursor;
    more.hidden = !cursor;
    if (!rows.size) fill(body, h('tr', {}, h('td', { colspan: 7 }, 'No runs match.')));
  };
  more.addEventListener('click', () => page(cursor).catch(ctx.fail));
  await page(null);

  const timer = setInterval(async () => {
    try {
      const answer = await api.get('/v1/runs', params);
      if (rows.size === 0 && answer.items.length) fill(body);
      answer.items.slice().reverse().forEach((run) => render(run, !rows.has(run.id)));
      fill(live, `Updated ${new Date().toLocaleTimeString()}`);
    } catch (error) {
      fill(live, `Not updated: ${error.status || ''} ${error.title || error.message}`);
    }
  }, POLL_MS);
  ctx.onLeave(() => clearInterval(timer));
}

function listQuery(query) {
  const q = { limit: 50 };
  for (const key of ['status', 'agentName', 'origin']) if (query.get(key)) q[key] = query.get(key);
  for (const key of ['createdAfter', 'createdBefore']) {
    if (query.get(key)) q[key] = new Date(query.get(key)).toISOString();
  }
  return q;
}

function select(name, label, options, value) {
  return [
    h('label', { for: `f-${name}` }, label),
    h(
      'select',
      { id: `f-${name}`, name },
      h('option', { value: '' }, 'any'),
      options.map((o) => h('option', { value: o, selected: o === value }, o)),
    ),
  ];
}

function filterForm(ctx, agents) {
  const q = ctx.query;
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': 'Filter runs',
      onSubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const next = new URLSearchParams();
        for (const [k, v] of data.entries()) if (v) next.set(k, v);
        ctx.navigate('/runs', next);
      },
    },
    select('status', 'Status', STATUSES, q.get('status')),
    select('agentName', 'Agent', agents.map((a) => a.name), q.get('agentName')),
    select('origin', 'Origin', ORIGINS, q.get('origin')),
    h('label', { for: 'f-createdAfter' }, 'Created after'),
    h('input', { id: 'f-createdAfter', name: 'createdAfter', type: 'datetime-local', value: q.get('createdAfter') }),
    h('label', { for: 'f-createdBefore' }, 'Created before'),
    h('input', { id: 'f-createdBefore', name: 'createdBefore', type: 'datetime-local', value: q.get('createdBefore') }),
    h('button', { type: 'submit' }, 'Filter'),
  );
}

function startForm(ctx, agents) {
  const result = h('div', { 'aria-live': 'polite' });
  const input = h('textarea', { id: 'start-input', name: 'input', rows: 3, spellcheck: 'false' }, '{"message": "Hello"}');
  return h(
    'details',
    { class: 'start' },
    h('summary', {}, 'Start a run'),
    h(
      'form',
      {
        onSubmit: async (event) => {
          event.preventDefault();
          const data = new FormData(event.target);
          let parsed;
          try {
            parsed = JSON.parse(data.get('input'));
          } catch (e) {
            fill(result, h('p', { class: 'problem', role: 'alert' }, `Input is not JSON: ${e.message}`));
            return;
          }
          try {
            // A fresh key per click: a network retry of this request cannot start a second run.
            const run = await ctx.api.post(
              '/v1/runs',
              { agentName: data.get('agent'), input: parsed },
              { 'Idempotency-Key': crypto.randomUUID() },
            );
            ctx.navigate(`/runs/${run.id}`);
          } catch (error) {
            fill(result, h('p', { class: 'problem', role: 'alert' }, `${error.status || ''} ${error.title || error.message}${error.detail ? `: ${error.detail}` : ''}`));
          }
        },
      },
      h('label', { for: 'start-agent' }, 'Agent'),
      h('select', { id: 'start-agent', name: 'agent', required: true }, agents.map((a) => h('option', { value: a.name }, a.name))),
      h('label', { for: 'start-input' }, 'Input (a JSON object)'),
      input,
      h('button', { type: 'submit' }, 'Start'),
    ),
    result,
  );
}

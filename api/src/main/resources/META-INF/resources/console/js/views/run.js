// One run: its state and controls, the live timeline, the conversation, approvals, artifacts,
// the tree of child runs and the lineage. The timeline follows the run over SSE; the rest is read
// again when an event says it changed.

import { hasRole } from '../auth.js';
import { badge, fields, fill, h, json, problemLine, when } from '../dom.js';
import { follow } from '../events.js';
import { approvalCard } from './approval-card.js';
import { lineageList, treeList } from './run-family.js';
import { transcriptView } from './transcript.js';

const CONTROLS = {
  cancel: ['queued', 'running', 'paused', 'waiting_for_approval'],
  pause: ['queued', 'running', 'waiting_for_approval'],
  resume: ['paused'],
};

export async function runView(ctx, runId) {
  const { api, view } = ctx;
  const base = `/v1/runs/${runId}`;
  const summary = h('div', {});
  const approvals = h('section', { 'aria-label': 'Approvals' });
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-label': 'Timeline' });
  const streamState = h('span', { id: 'stream-state', class: 'hint', 'aria-live': 'polite' });
  const transcript = h('div', { id: 'transcript' });
  const artifacts = h('div', { id: 'artifacts' });
  const family = h('div', { id: 'family' });
  const refresh = {};
  const controls = controlsView(ctx, runId, refresh);
  fill(
    view,
    h('section', { 'aria-labelledby': 'run-title' }, summary, controls.element),
    approvals,
    h('section', {}, h('h2', {}, 'Timeline ', streamState), timeline),
    h('section', {}, h('h2', {}, 'Conversation'), transcript),
    h('section', {}, h('h2', {}, 'Artifacts'), artifacts),
    h('section', {}, h('h2', {}, 'Related runs'), family),
  );

  Object.assign(refresh, {
    run: async () => renderSummary(summary, await api.get(base), controls),
    approvals: async () => renderApprovals(ctx, approvals, await api.get(`${base}/approvals`), refresh),
    transcript: async () => transcriptView(transcript, await api.get(`${base}/transcript`)),
    artifacts: async () => renderArtifacts(ctx, artifacts, runId, await api.get(`${base}/artifacts`)),
    family: async () =>
      fill(family, treeList(await api.get(`${base}/tree`)), lineageList(await api.get(`${base}/lineage`))),
  });
  const controller = new AbortController();
  ctx.onLeave(() => controller.abort());
  const soon = debounce(refresh, controller.signal);
  await refresh.run();
  for (const part of ['approvals', 'transcript', 'artifacts', 'family']) {
    refresh[part]().catch((error) => fill(sectionOf(part, { approvals, transcript, artifacts, family }), problemLine(error)));
  }

  let dropped = false;
  follow(api, runId, {
    signal: controller.signal,
    onState: (state) => {
      fill(streamState, `(${state})`);
      // Back after a drop: read everything again, whatever happened while the stream was away.
      if (state === 'reconnecting') dropped = true;
      if (state === 'live' && dropped) {
        dropped = false;
        Object.keys(refresh).forEach((part) => soon(part));
      }
    },
    onEvent: (event) => {
      timeline.append(eventItem(event));
      soon('run');
      if (event.type.startsWith('approval.') || event.type === 'tree.approval.requested') soon('approvals');
      if (/^(model|agent|tool|run)\./.test(event.type)) soon('transcript');
      if (event.type === 'artifact.created' || event.type.startsWith('run.')) soon('artifacts');
      if (event.type === 'child.run.started') soon('family');
    },
  });
}

function sectionOf(part, sections) {
  return sections[part];
}

/**
 * Reads a part again at most twice a second, however many events arrive; a read that fails (the API
 * restarting) is tried again until it succeeds, so no change an event announced is lost.
 */
function debounce(refresh, signal) {
  const timers = {};
  const soon = (part, delay = 500) => {
    if (timers[part] || signal.aborted) return;
    timers[part] = setTimeout(() => {
      timers[part] = null;
      refresh[part]().catch(() => soon(part, 2000));
    }, delay);
  };
  return soon;
}

function eventItem(event) {
  return h(
    'li',
    { 'data-seq': event.seq, 'data-type': event.type },
    h('span', { class: 'seq' }, `#${event.seq}`),
    ' ',
    h('strong', {}, event.type),
    ' ',
    h('time', { datetime: event.createdAt }, when(event.createdAt)),
    h('details', {}, h('summary', {}, 'payload'), h('pre', {}, json(event.payload))),
  );
}

/**
 * Cancel, pause and resume with a reason. Built once and kept across the summary's re-renders, so
 * a reason being typed is never replaced; only which buttons show follows the run's status.
 */
function controlsView(ctx, runId, refresh) {
  const reason = h('input', { id: 'control-reason', name: 'reason', type: 'text', maxlength: 1000 });
  const result = h('div', { 'aria-live': 'polite' });
  const buttons = Object.keys(CONTROLS).map((action) =>
    h(
      'button',
      {
        type: 'button',
        id: `run-${action}`,
        hidden: true,
        onClick: async () => {
          try {
            await ctx.api.post(`/v1/runs/${runId}/${action}`, { reason: reason.value || null });
            fill(result, h('p', { class: 'ok' }, `${action} requested`));
            await refresh.run();
          } catch (error) {
            fill(result, problemLine(error));
          }
        },
      },
      action[0].toUpperCase() + action.slice(1),
    ),
  );
  const box = h('div', { class: 'controls', hidden: true }, h('label', { for: 'control-reason' }, 'Reason'), reason, buttons);
  return {
    element: h('div', {}, box, result),
    update(run) {
      const allowed = hasRole('runner', 'agent-admin');
      let any = false;
      buttons.forEach((button, i) => {
        const show = allowed && CONTROLS[Object.keys(CONTROLS)[i]].includes(run.status);
        button.hidden = !show;
        any = any || show;
      });
      box.hidden = !any;
    },
  };
}

function renderSummary(section, run, controls) {
  fill(
    section,
    h('h1', { id: 'run-title' }, `Run ${run.id.slice(0, 8)} `, badge(run.status)),
    fields([
      ['Run', run.id],
      ['Agent', h('a', { href: `#/agents/${run.agentId}` }, `${run.agentName} v${run.agentVersion}`)],
      ['Alias', run.alias],
      ['Origin', run.origin],
      ['Reason', run.statusReason],
      ['Created', `${when(run.createdAt)} by ${run.createdBy}`],
      ['Started', when(run.startedAt)],
      ['Finished', when(run.finishedAt)],
      ['Steps', String(run.steps)],
      ['Tokens', String(run.totalTokens)],
      ['Parent', run.parentRunId ? h('a', { href: `#/runs/${run.parentRunId}` }, run.parentRunId) : null],
      ['Waiting for a slot', run.waitingForSlot ? 'yes' : null],
    ]),
    h('details', {}, h('summary', {}, 'Input'), h('pre', {}, json(run.input))),
    run.output ? h('div', {}, h('h2', {}, 'Output'), h('pre', { id: 'output' }, run.output.text ?? `(${run.output.contentType}, ${run.output.sizeBytes} bytes: see Artifacts)`)) : null,
  );
  controls.update(run);
}

/** Cards already shown, by approval id: an unchanged one is kept, with any comment being typed. */
const shownCards = new WeakMap();

function renderApprovals(ctx, section, approvals, refresh) {
  if (!approvals.length) {
    fill(section);
    return;
  }
  const previous = shownCards.get(section) || new Map();
  const next = new Map();
  const cards = approvals.map((a) => {
    const kept = previous.get(a.id);
    const card = kept && kept.status === a.status ? kept.card : approvalCard(ctx.api, a, { onDecided: () => refresh.run() });
    next.set(a.id, { status: a.status, card });
    return card;
  });
  shownCards.set(section, next);
  fill(section, h('h2', {}, 'Approvals'), cards);
}

function renderArtifacts(ctx, section, runId, list) {
  if (!list.length) {
    fill(section, h('p', {}, 'None yet.'));
    return;
  }
  fill(
    section,
    h(
      'table',
      { class: 'list', 'aria-label': 'Artifacts' },
      h('thead', {}, h('tr', {}, ['Name', 'Type', 'Size', 'SHA-256', 'Download'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        list.map((a) =>
          h(
            'tr',
            { 'data-artifact': a.name },
            h('td', {}, a.name),
            h('td', {}, a.contentType),
            h('td', {}, `${a.sizeBytes} B`),
            h('td', {}, h('code', {}, a.sha256.slice(0, 16))),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `Download ${a.name}`,
                  onClick: () => ctx.api.download(runId, a.name).catch(ctx.fail),
                },
                'Download',
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

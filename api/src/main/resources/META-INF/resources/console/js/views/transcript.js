// The run's conversation as messages: what the system and user said, the model's answers and the
// tool calls it asked for, and each tool's result. Every word is text; nothing here is parsed as
// markup, so a model that writes <script> or a javascript: link shows exactly that, inert.

import { fill, h } from '../dom.js';

const ROLE_LABELS = { system: 'System', user: 'User', assistant: 'Model', tool: 'Tool result' };

export function transcriptView(container, transcript) {
  const messages = (transcript && transcript.messages) || [];
  if (transcript && transcript.purged) {
    fill(container, h('p', {}, 'Purged under the tenant\'s retention policy.'));
    return;
  }
  if (!messages.length) {
    fill(container, h('p', {}, 'No conversation yet.'));
    return;
  }
  const pending = (transcript.pendingToolCalls || []).map((call) =>
    h('li', { class: 'message message-pending' }, h('p', { class: 'role' }, `Not answered yet: ${call.name}`), h('pre', {}, pretty(call.arguments))),
  );
  fill(
    container,
    h(
      'ol',
      { class: 'transcript', 'aria-label': 'Conversation' },
      messages.map((m, i) =>
        h(
          'li',
          { class: `message message-${roleClass(m.role)}`, 'data-message': i },
          h(
            'p',
            { class: 'role' },
            ROLE_LABELS[m.role] || m.role,
            m.role === 'tool' && m.toolName ? `: ${m.toolName}` : '',
            m.failed ? ' (failed)' : '',
          ),
          m.text ? h('pre', { class: 'text' }, m.text) : null,
          (m.toolCalls || []).map((call) =>
            h(
              'div',
              { class: 'tool-call' },
              h('p', {}, `Calls ${call.name}`, call.id ? ` (${call.id})` : ''),
              h('pre', {}, pretty(call.arguments)),
            ),
          ),
        ),
      ),
      pending,
    ),
    transcript.step !== undefined && transcript.step !== null
      ? h('p', { class: 'hint' }, `As of step ${transcript.step}.`)
      : null,
  );
}

function roleClass(role) {
  return /^[a-z]+$/.test(role || '') ? role : 'other';
}

function pretty(args) {
  if (typeof args !== 'string') return JSON.stringify(args, null, 2);
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

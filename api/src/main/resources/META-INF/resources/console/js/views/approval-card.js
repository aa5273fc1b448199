// One approval: the tool, its arguments exactly as they will be executed (the canonical JSON the
// hash covers, pretty-printed), the hash a decision is bound to, who may decide and until when.
// The decision sends that hash, so it binds to what the person saw; the API's answer (200, or
// 409/410/412 with its problem) is shown as it came.

import { hasRole } from '../auth.js';
import { badge, fields, fill, h, json, when } from '../dom.js';

export function approvalCard(api, approval, { onDecided } = {}) {
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const id = `a-${approval.id}`;
  const comment = h('input', { id: `${id}-comment`, name: 'comment', type: 'text', maxlength: 1000 });
  const decide = async (decision) => {
    try {
      const answer = await api.post(
        `/v1/runs/${approval.runId}/approvals/${approval.id}`,
        { decision, argumentsSha256: approval.argumentsSha256, comment: comment.value || null },
      );
      fill(result, h('p', { class: 'ok' }, `${answer.status} by ${answer.decidedBy || 'you'}`));
      if (onDecided) onDecided(answer);
    } catch (error) {
      fill(
        result,
        h(
          'p',
          { class: 'problem', role: 'alert' },
          `${error.status || ''} ${error.title || error.message}${error.detail ? `: ${error.detail}` : ''}`,
        ),
      );
    }
  };
  const pending = approval.status === 'pending';
  const mayDecide = hasRole('approver', 'agent-admin');
  return h(
    'article',
    { class: 'approval', 'data-approval': approval.id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, `Tool ${approval.toolName} `, badge(approval.status)),
    fields([
      ['Agent', approval.agentName ? h('a', { href: `#/agents/${approval.agentId}` }, approval.agentName) : null],
      ['Run', h('a', { href: `#/runs/${approval.runId}` }, approval.runId)],
      ['Step', `${approval.step}, call ${approval.callIndex}`],
      ['Requested', when(approval.requestedAt)],
      ['Expires', when(approval.expiresAt)],
      ['Who may decide', (approval.approverRoles || []).join(', ')],
      ['Decided by', approval.decidedBy],
      ['Comment', approval.comment],
    ]),
    h('p', { class: 'label' }, 'Arguments, exactly as they will be executed:'),
    h('pre', { class: 'arguments' }, json(approval.arguments)),
    h('p', { class: 'label' }, 'Bound to SHA-256 ', h('code', { class: 'sha' }, approval.argumentsSha256)),
    pending && mayDecide
      ? h(
          'div',
          { class: 'decide' },
          h('label', { for: `${id}-comment` }, 'Comment'),
          comment,
          h('button', { type: 'button', class: 'approve', onClick: () => decide('approve') }, 'Approve'),
          h('button', { type: 'button', class: 'deny', onClick: () => decide('deny') }, 'Deny'),
        )
      : null,
    result,
  );
}

// Settings → Playbooks: for each persona tag (#BuyAndHold), the topics never to raise with those customers, what
// to offer them instead, and how to pivot on the phone. The Guard blocks a never-raise topic for everyone with
// the tag and suggests the first offer instead. Read with list_playbooks; added and edited with save_playbook in
// a dialog; deleted with delete_playbook after a confirmation.

import * as ipc from '../lib/ipc.js';
import { confirmDialog, openFormDialog } from '../lib/form.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { plural } from '../lib/format.js';
import { announce, announceError } from '../lib/status.js';
import { TOPIC_SUGGESTIONS } from '../lib/words.js';

/** A tag as the core accepts it: a letter, then letters, digits, - or _ (a leading # is dropped). */
const TAG = /^\p{L}[\p{L}\p{N}_-]*$/u;

const splitTopics = (text) => text.split(',').map((t) => t.trim()).filter(Boolean);
const splitLines = (text) => text.split('\n').map((t) => t.trim()).filter(Boolean);
const bareTag = (text) => text.trim().replace(/^#/, '');

function playbookMarkup(p, counts) {
  const n = counts.get(p.tag.toLowerCase()) || 0;
  return html`<li class="playbook" data-playbook="${p.tag}">
    <div class="playbook-head">
      <h3>#${p.tag}</h3>
      <span class="muted">${n ? plural(n, 'customer') : 'no customers tagged yet'}</span>
      <div class="item-actions">
        <button type="button" class="button small" data-edit-playbook="${p.tag}"
          aria-label="Edit the #${p.tag} playbook">Edit</button>
        <button type="button" class="button small" data-delete-playbook="${p.tag}"
          aria-label="Delete the #${p.tag} playbook">Delete</button>
      </div>
    </div>
    <dl class="playbook-lines">
      <div class="reach-line"><dt>Never raise</dt><dd>${p.never_topics.length
    ? html`<ul class="chips" role="list">${p.never_topics.map((t) => html`<li class="chip">${icon('stop')} ${t}</li>`)}</ul>`
    : html`<span class="muted">Nothing ruled out.</span>`}</dd></div>
      <div class="reach-line"><dt>Offer instead</dt><dd>${p.offer.length
    ? html`<ul role="list" class="plain-list offers">${p.offer.map((o) => html`<li>${icon('gift')} ${o}</li>`)}</ul>`
    : html`<span class="muted">Nothing yet.</span>`}</dd></div>
      <div class="reach-line"><dt>Phone script</dt><dd>${p.script
    ? html`<p class="script">${p.script}</p>` : html`<span class="muted">None.</span>`}</dd></div>
    </dl>
  </li>`;
}

/**
 * Opens the playbook dialog: adds a playbook (`playbook` null) or edits one.
 * @param {object[]} existing every playbook, to refuse a second one for a tag
 * @param {object|null} playbook
 * @param {(saved: object) => void} onSaved
 */
function openPlaybookForm(existing, playbook, onSaved) {
  const editing = Boolean(playbook);
  const fields = [
    {
      name: 'never_topics', label: 'Never raise', wide: true, server: ['topics or offers', 'never topics'],
      placeholder: 'buy-back, trade-in',
      hint: `Topics, separated by commas. The Guard knows ${TOPIC_SUGGESTIONS.join(', ')} and the many ways each is said.`,
      validate: (text, v) => (!splitTopics(text).length && !splitLines(v.offer).length
        ? 'Name a topic never to raise, or something to offer instead.' : ''),
    },
    {
      name: 'offer', label: 'Offer instead', type: 'textarea', rows: 3, wide: true, server: ['offer'],
      hint: 'One offer per line, each worth the customer’s time. The first is what the Guard suggests.',
      placeholder: 'A longevity service plan for the miles ahead',
    },
    {
      name: 'script', label: 'Phone script', type: 'textarea', rows: 3, wide: true, server: ['script'],
      hint: 'How to pivot on the phone when the topic comes up.',
    },
  ];
  if (!editing) {
    fields.unshift({
      name: 'tag', label: 'Persona tag', required: true, wide: true, server: ['tag'],
      requiredMessage: 'Name the tag, e.g. BuyAndHold.', placeholder: 'BuyAndHold',
      hint: 'Customers get it from #BuyAndHold in a note or fact.',
      validate: (text) => {
        const tag = bareTag(text);
        if (!TAG.test(tag)) return `'${text.trim()}' is not a tag: start with a letter, then letters, digits, - or _.`;
        const same = existing.find((p) => p.tag.toLowerCase() === tag.toLowerCase());
        return same ? `#${same.tag} already has a playbook; edit that one instead.` : '';
      },
    });
  }
  openFormDialog({
    id: 'playbook',
    title: editing ? `Playbook for #${playbook.tag}` : 'Add a playbook',
    intro: 'For every customer with the tag: what never to raise, and what to offer instead.',
    draftKey: `playbook:${editing ? playbook.tag : 'new'}`,
    submitLabel: editing ? 'Save playbook' : 'Add playbook',
    fields,
    initial: editing ? {
      never_topics: playbook.never_topics.join(', '),
      offer: playbook.offer.join('\n'),
      script: playbook.script,
    } : {},
    save: (v) => ipc.savePlaybook({
      tag: editing ? playbook.tag : bareTag(v.tag),
      never_topics: splitTopics(v.never_topics),
      offer: splitLines(v.offer),
      script: v.script.trim(),
    }),
    onSaved,
  });
}

/**
 * Fills the Playbooks card of Settings.
 * @param {HTMLElement} card the `#playbooks` section
 * @returns {() => void} cleanup
 */
export function showPlaybooks(card) {
  let alive = true;
  let playbooks = [];
  let counts = new Map();

  function draw() {
    render(card, html`<div class="card-head">
        <h2 id="playbooks-title">Playbooks</h2>
        <div class="card-actions">
          <button type="button" class="button small" id="add-playbook">${icon('plus')} Add playbook</button>
        </div>
      </div>
      <p class="muted">Personas you tag customers with. The Guard blocks a never-raise topic for everyone with the tag,
        even if they never said it, and suggests what to offer instead.</p>
      ${playbooks.length ? html`<ul class="playbooks" role="list" aria-labelledby="playbooks-title">
        ${playbooks.map((p) => playbookMarkup(p, counts))}</ul>`
    : html`<p class="empty">No playbooks yet. Add one for a persona such as #BuyAndHold.</p>`}`);
    card.removeAttribute('aria-busy');
  }

  async function load(focus = null) {
    try {
      const [list, tags] = await Promise.all([ipc.listPlaybooks(), ipc.listTags().catch(() => [])]);
      if (!alive) return;
      playbooks = list;
      counts = new Map(tags.map((t) => [t.tag.toLowerCase(), t.customers]));
      draw();
      const target = focus && card.querySelector(focus);
      if (target) target.focus();
    } catch (err) {
      if (!alive) return;
      card.removeAttribute('aria-busy');
      render(card, html`<h2 id="playbooks-title">Playbooks</h2>
        <p class="form-error">Could not load your playbooks: ${err.message}</p>`);
    }
  }

  async function remove(tag) {
    const yes = await confirmDialog({
      title: `Delete the #${tag} playbook?`,
      message: `Customers tagged #${tag} keep their tag, but the Guard stops applying this playbook to them. `
        + 'What customers said themselves still stands.',
      confirmLabel: 'Delete playbook',
    });
    if (!yes || !alive) return;
    try {
      await ipc.deletePlaybook(tag);
      announce(`Deleted the #${tag} playbook.`);
      await load('#add-playbook');
    } catch (err) {
      announceError(err, 'Could not delete the playbook');
    }
  }

  card.addEventListener('click', (event) => {
    const add = event.target.closest('#add-playbook');
    const edit = event.target.closest('[data-edit-playbook]');
    const del = event.target.closest('[data-delete-playbook]');
    const after = (saved) => {
      announce(`Saved the #${saved.tag} playbook.`);
      load(`[data-edit-playbook="${CSS.escape(saved.tag)}"]`);
    };
    if (add) openPlaybookForm(playbooks, null, after);
    else if (edit) {
      const p = playbooks.find((x) => x.tag === edit.dataset.editPlaybook);
      if (p) openPlaybookForm(playbooks, p, after);
    } else if (del) remove(del.dataset.deletePlaybook);
  });

  load();
  return () => {
    alive = false;
  };
}

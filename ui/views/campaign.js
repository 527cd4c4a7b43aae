// Settings → Before a campaign: a mailing list (a CSV file) or a tag, a topic, a channel and perhaps the message,
// checked against what each customer said (check_campaign) — who may receive it, who may not with their own words,
// the rows that match nobody — and the two files for the mailing tool saved in a folder (save_campaign).

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { announce, announceError } from '../lib/status.js';
import { plural } from '../lib/format.js';
import { CHANNELS, TOPIC_SUGGESTIONS } from '../lib/words.js';

/** The channels a campaign goes out on (a mailing tool sends; nobody sends a visit). */
const CAMPAIGN_CHANNELS = ['email', 'mail', 'text', 'phone'].map((v) => CHANNELS.find((c) => c.value === v));

/**
 * Fills the campaign card of Settings.
 * @param {HTMLElement} card the `#campaign` section
 * @returns {() => void} cleanup
 */
export function showCampaign(card) {
  render(card, html`<h2 id="campaign-title">Before a campaign</h2>
    <p class="muted">Check a mailing list against what each customer told you, before your mailing tool sends
      anything: whoever declined the topic or the channel, or asked to be left alone, is left out with their own words.
      Nothing is sent or recorded here.</p>
    <form class="form" id="campaign-form" novalidate>
      <div class="form-grid">
        <fieldset class="field wide" id="campaign-who">
          <legend>Who</legend>
          <div class="checks">
            <label class="check"><input type="radio" name="campaign-source" value="file" checked> A mailing list (CSV)</label>
            <label class="check"><input type="radio" name="campaign-source" value="tag"> Customers with a tag</label>
          </div>
          <div class="field" data-source="file">
            <label for="campaign-file">The list’s file</label>
            <input type="file" id="campaign-file" accept=".csv,text/csv" aria-describedby="campaign-file-hint">
            <p class="hint" id="campaign-file-hint">Matched to your customers by email, phone or name, as an import
              matches.</p>
          </div>
          <div class="field" data-source="tag" hidden>
            <label for="campaign-tag">Tag</label>
            <select id="campaign-tag"></select>
          </div>
        </fieldset>
        <div class="field">
          <label for="campaign-topic">Topic <span class="required">(required)</span></label>
          <input type="text" id="campaign-topic" list="campaign-topics" autocomplete="off" required
            aria-required="true">
          <datalist id="campaign-topics">${TOPIC_SUGGESTIONS.map((t) => html`<option value="${t}"></option>`)}</datalist>
        </div>
        <div class="field">
          <label for="campaign-channel">Channel</label>
          <select id="campaign-channel">${CAMPAIGN_CHANNELS.map((c) => html`<option value="${c.value}">${c.word}</option>`)}</select>
        </div>
        <div class="field wide">
          <label for="campaign-text">The message (optional)</label>
          <textarea id="campaign-text" rows="3" aria-describedby="campaign-text-hint"></textarea>
          <p class="hint" id="campaign-text-hint">A pitch in the words counts as much as the topic.</p>
        </div>
      </div>
      <p class="form-error" role="alert" id="campaign-error"></p>
      <div class="form-actions"><button type="submit" class="button primary" id="campaign-check">Check the list</button></div>
    </form>
    <div id="campaign-result" aria-live="polite"></div>`);
  const form = card.querySelector('#campaign-form');
  const error = card.querySelector('#campaign-error');
  const result = card.querySelector('#campaign-result');
  const source = () => form.querySelector('input[name="campaign-source"]:checked').value;
  let alive = true;

  form.addEventListener('change', (event) => {
    if (event.target.name !== 'campaign-source') return;
    for (const part of form.querySelectorAll('[data-source]')) part.hidden = part.dataset.source !== source();
  });

  ipc.listTags().then((tags) => {
    if (!alive) return;
    render(card.querySelector('#campaign-tag'), html`${tags.map((t) => html`<option value="${t.tag}">#${t.tag}
      (${t.customers.toLocaleString()})</option>`)}`);
  }).catch(() => {});

  function draw(checked) {
    render(result, html`<p class="campaign-summary" id="campaign-summary"><strong>${checked.included.length.toLocaleString()}</strong>
        may receive it · <strong>${checked.excluded.length.toLocaleString()}</strong> may not ·
        <strong>${checked.unmatched.length.toLocaleString()}</strong> match nobody</p>
      ${(checked.about_the_message || []).map((m) => html`<p class="caution">The message: ${m}</p>`)}
      ${checked.excluded.length ? html`<h3>May not receive it</h3>
        <ul class="campaign-excluded" id="campaign-excluded">${checked.excluded.map((e) => html`<li data-customer-id="${e.customer_id}">
          <strong>${e.name}</strong> — ${e.message}${e.quote ? html` <span class="words">“${e.quote}”</span>` : ''}</li>`)}</ul>` : ''}
      ${checked.unmatched.length ? html`<h3>Match nobody</h3>
        <ul class="campaign-unmatched" id="campaign-unmatched">${checked.unmatched.map((u) => html`<li>Line ${u.line}${u.name
          ? html` ${u.name}` : ''}: ${u.why}</li>`)}</ul>` : ''}
      <button type="button" class="button" id="campaign-save">Save the two files…</button>
      <p class="hint">${plural(checked.included.length, 'customer')} in one file for your mailing tool; the
        other is its suppression list, one row per address, with the rule and their words.</p>`);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const topic = card.querySelector('#campaign-topic').value.trim();
    if (!topic) {
      error.textContent = 'Say what the campaign is about (the topic).';
      card.querySelector('#campaign-topic').focus();
      return;
    }
    const campaign = {
      topic,
      channel: card.querySelector('#campaign-channel').value,
      text: card.querySelector('#campaign-text').value,
    };
    let bytes = null;
    if (source() === 'tag') {
      campaign.tag = card.querySelector('#campaign-tag').value;
      if (!campaign.tag) {
        error.textContent = 'There are no tags yet: choose a mailing list instead.';
        return;
      }
    } else {
      const file = card.querySelector('#campaign-file').files[0];
      if (!file) {
        error.textContent = 'Choose the mailing list’s file, or customers with a tag.';
        card.querySelector('#campaign-file').focus();
        return;
      }
      bytes = new Uint8Array(await file.arrayBuffer());
    }
    const button = card.querySelector('#campaign-check');
    button.disabled = true;
    try {
      const checked = await ipc.checkCampaign(bytes, campaign);
      if (!alive) return;
      draw(checked);
      announce(`${checked.included.length} may receive it; ${checked.excluded.length} may not.`);
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });

  result.addEventListener('click', async (event) => {
    if (!event.target.closest('#campaign-save')) return;
    try {
      const saved = await ipc.saveCampaign();
      if (saved.folder) announce(`Saved campaign-included.csv and campaign-excluded.csv in ${saved.folder}.`);
    } catch (err) {
      announceError(err, 'Could not save the files');
    }
  });

  return () => {
    alive = false;
  };
}

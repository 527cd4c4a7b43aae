// What Rapport heard in Log contact: as the salesperson types or pastes the summary and the customer's words, the
// core listens (debounced; the summary in the contact's direction, their words as theirs) and what it proposes
// appears under each text — the text again with the words marked (escaped, through `html`), and one checkbox per
// suggestion. Ticked statements, promises and facts are recorded when the contact is logged, with the contact as
// their source; a ticked request fills "They asked for" and a ticked sentiment sets "How they felt" at once. For a contact the salesperson started, what the words do
// (read_outreach, asked by the Guard's panel) is underlined in the summary and listed with the customer's words.
//
// Screen readers hear one polite sentence when the set of suggestions changes — never on every keystroke.

import * as ipc from '../lib/ipc.js';
import { html, render, toNodes } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { now } from '../lib/clock.js';
import {
  addDays, dateInZone, datePattern, formatDate, numericDate, readDate, zonedWallToUtc,
} from '../lib/format.js';
import { markText, shiftSpans } from '../lib/marks.js';
import {
  HEARD_KINDS, askedFor, heardKeys, heardWhat, intentItem, intentTone, theirWords,
} from '../lib/heard.js';
import { CONTACT_WORDS } from '../lib/words.js';

/** How long typing may pause before the core listens again. */
export const LISTEN_DELAY_MS = 250;

/**
 * The two texts Rapport listens to. The summary is read in the contact's direction: of a contact they started, as
 * their message (`in`: "Please don't call me at work" is the customer speaking); of one you started, as your own
 * summary (`out`: "I'll send the brochure by Friday" is your promise). Their words are always theirs (`in`).
 */
const SOURCES = [
  { name: 'summary', label: 'Heard in the summary' },
  { name: 'quotes', label: 'Heard in their words' },
];

/** What was ticked in a dialog closed without logging, by its draft key (typed dates are not lost either). */
const keptTicks = new Map();

/** How many of a thing, in words ("2 statements"). */
function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Wires the suggestions of an open Log contact dialog.
 * @param {object} app
 * @param {object} customer the customer's page
 * @param {string} who the customer's name as the window uses it
 * @param {HTMLDialogElement} dialog
 * @param {object} f the dialog's form (createForm)
 * @param {string} draftKey
 */
export function heardPanels(app, customer, who, dialog, f, draftKey) {
  const region = toNodes(html`<p class="visually-hidden" role="status" aria-live="polite"
    id="interaction-heard-status"></p>`).firstElementChild;
  dialog.append(region);

  /** Ticks by `source|key`: `{on, due?, filled?, before?}`. */
  const ticks = new Map(keptTicks.get(draftKey) || []);
  const per = {};
  for (const src of SOURCES) {
    const panel = toNodes(html`<section class="heard wide" id="interaction-${src.name}-heard"
      aria-labelledby="interaction-${src.name}-heard-title" hidden>
      <h3 class="heard-title" id="interaction-${src.name}-heard-title">${src.label}</h3>
      <div class="heard-mirror" aria-hidden="true"></div>
      <ul class="intent-list" role="list" aria-label="What your words do" hidden></ul>
      <ul class="heard-list" role="list" aria-label="What you can record"></ul>
    </section>`).firstElementChild;
    f.form.querySelector(`[data-field="${src.name}"]`).after(panel);
    per[src.name] = {
      ...src,
      panel,
      mirror: panel.querySelector('.heard-mirror'),
      list: panel.querySelector('.heard-list'),
      intentList: panel.querySelector('.intent-list'),
      /** The text the suggestions below belong to (shifted along with edits until the core answers again). */
      text: '',
      suggestions: [],
      keys: [],
      drawn: '',
      drawnIntents: '',
      timer: 0,
      asked: 0,
      pending: null,
    };
  }
  /** What the summary's words do, for an outbound contact (null: not read, or inbound). */
  let reading = null;
  let announced = '';
  let stopped = false;

  const textOf = (name) => f.values()[name] || '';
  const atOf = () => zonedWallToUtc(f.values().at, app.zone) || undefined;
  const directionOf = (name) => (name === 'summary' && f.values().direction === 'out' ? 'out' : 'in');
  const tickOf = (name, key) => ticks.get(`${name}|${key}`);

  /** Suggestions shown for a source: a statement the customer's own words hold too is offered there only. */
  function shown(name) {
    const s = per[name];
    if (name !== 'summary') return s.suggestions.map((x, i) => ({ s: x, key: s.keys[i], n: i }));
    const theirs = new Set(per.quotes.keys.filter((k) => k.startsWith('statement:')));
    return s.suggestions.map((x, i) => ({ s: x, key: s.keys[i], n: i })).filter((x) => !theirs.has(x.key));
  }

  function itemMarkup(name, { s, key, n }) {
    const kind = HEARD_KINDS[s.kind] || { word: s.kind, icon: 'next', then: '' };
    const t = tickOf(name, key) || {};
    const id = `heard-${name}-${n}`;
    const due = s.kind === 'promise' && !s.due_on;
    const dates = s.kind === 'promise' && s.due_on ? html` <span class="heard-date">due ${formatDate(s.due_on)}</span>`
      : s.kind === 'fact' && s.date ? html` <span class="heard-date">${formatDate(s.date)}</span>` : '';
    const means = s.kind === 'statement' ? `${s.means.kind}${s.means.channel ? `:${s.means.channel}` : ''}` : '';
    return html`<li class="heard-item" data-kind="${s.kind}" data-key="${key}" data-n="heard-${n}"
      ${means ? html`data-means="${means}"` : ''}>
      <div class="heard-pick">
        <input type="checkbox" id="${id}" data-key="${key}" ${t.on ? html`checked` : ''}
          aria-describedby="${id}-then">
        <label for="${id}" class="heard-body">
          <span class="heard-kind">${icon(kind.icon)} ${kind.word}</span>
          <span class="heard-what">${heardWhat(s)}${dates}</span>
          ${s.kind === 'statement' || s.kind === 'sentiment' ? html`<span class="heard-words words">“${s.words}”</span>` : ''}
        </label>
      </div>
      <p class="heard-then hint" id="${id}-then">${kind.then}</p>
      ${due ? html`<div class="heard-due" ${t.on ? '' : html`hidden`}>
        <label for="${id}-due">Due — no date was said</label>
        <input type="text" class="date-field" autocomplete="off" spellcheck="false" id="${id}-due" data-due="${key}"
          value="${t.due ? numericDate(t.due) : ''}" aria-describedby="${id}-due-error ${id}-due-echo">
        <span class="field-echo" id="${id}-due-echo">${t.due ? formatDate(t.due) : datePattern()}</span>
        <p class="field-error" id="${id}-due-error"></p>
      </div>` : ''}
    </li>`;
  }

  function drawMirror(name) {
    const s = per[name];
    const spans = shown(name).map(({ s: x, n }) => ({ start: x.start, end: x.end, kind: 'heard', tag: x.kind, n }));
    const intents = name === 'summary' && reading && reading.text === s.text ? reading.intents : [];
    intents.forEach((i, n) => {
      spans.push({ start: i.start, end: i.end, kind: 'intent', tag: i.intent, tone: i.tone, n });
    });
    render(s.mirror, html`${markText(s.text, spans)}`);
    return spans.length;
  }

  function draw(name) {
    const s = per[name];
    const items = shown(name);
    const marks = drawMirror(name);
    const intents = name === 'summary' && reading && reading.text === s.text ? reading.intents : [];
    // Each list is drawn again only when what it says changed (the marks above follow every edit).
    const said = JSON.stringify(intents.map((i) => [i.intent, i.topic, i.channel, i.words, i.rule, i.quote, i.said_on]));
    if (said !== s.drawnIntents) {
      s.drawnIntents = said;
      s.intentList.hidden = !intents.length;
      render(s.intentList, html`${intents.map((i, n) => intentItem(i, n, who))}`);
    }
    const signature = JSON.stringify(items.map((x) => [x.key, heardWhat(x.s), x.s.words, x.s.due_on, x.s.date]));
    if (signature !== s.drawn) {
      s.drawn = signature;
      const focused = s.panel.contains(document.activeElement) ? document.activeElement : null;
      const focusKey = focused && (focused.dataset.key || focused.dataset.due);
      const focusDue = focused && Boolean(focused.dataset.due);
      render(s.list, html`${items.map((x) => itemMarkup(name, x))}`);
      if (focusKey) {
        const again = [...s.list.querySelectorAll(focusDue ? 'input[data-due]' : 'input[data-key]')]
          .find((el) => (focusDue ? el.dataset.due : el.dataset.key) === focusKey);
        if (again) again.focus({ preventScroll: true });
      }
    }
    s.list.hidden = !items.length;
    s.panel.hidden = !marks && !items.length;
  }

  /** One polite sentence when the set of suggestions changes. */
  function say() {
    const all = SOURCES.flatMap((src) => shown(src.name).map((x) => ({ key: `${src.name}|${x.key}`, what: heardWhat(x.s) })));
    const signature = all.map((x) => x.key).join(' ');
    if (signature === announced) return;
    const before = announced;
    announced = signature;
    if (all.length) {
      region.textContent = `Rapport heard ${count(all.length, 'thing', 'things')} you can record: `
        + `${all.map((x) => x.what).join('; ')}. Tick them below the text.`;
    } else if (before) {
      region.textContent = 'Nothing to record in the text now.';
    }
  }

  async function listen(name) {
    const s = per[name];
    clearTimeout(s.timer);
    const text = textOf(name);
    const mine = ++s.asked;
    const work = (async () => {
      if (!text.trim()) return { suggestions: [] };
      return ipc.listen(customer.id, text, directionOf(name), atOf());
    })();
    s.pending = work;
    try {
      const heard = await work;
      if (stopped || mine !== s.asked) return;
      s.text = text;
      s.suggestions = heard.suggestions;
      s.keys = heardKeys(heard.suggestions);
    } catch {
      // Listening is a help, never in the way: the contact can be logged without it.
      if (stopped || mine !== s.asked) return;
      s.text = text;
      s.suggestions = [];
      s.keys = [];
    } finally {
      if (s.pending === work) s.pending = null;
    }
    for (const src of SOURCES) draw(src.name);
    say();
  }

  function later(name, delay = LISTEN_DELAY_MS) {
    const s = per[name];
    // The marks follow the edit until the core answers.
    const text = textOf(name);
    const moved = shiftSpans(s.text, text, s.suggestions.map((x, i) => ({ ...x, i })));
    s.keys = moved.map((x) => s.keys[x.i]);
    s.suggestions = moved;
    if (name === 'summary' && reading && reading.text === s.text) {
      reading = { text, intents: shiftSpans(s.text, text, reading.intents) };
    }
    s.text = text;
    draw(name);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => listen(name), delay);
  }

  /** Ticking a request or a sentiment fills its field now; unticking puts back what was there. */
  function fill(key, s, on) {
    const t = ticks.get(key);
    if (s.kind === 'request') {
      const field = f.control('asked_for');
      if (on) {
        const value = field.value.trim();
        const what = askedFor(s);
        t.filled = what;
        if (!value.includes(what)) field.value = value ? `${value}; ${what}` : what;
      } else if (t.filled) {
        field.value = field.value.replace(`; ${t.filled}`, '').replace(t.filled, '').replace(/^;\s*/, '').trim();
        t.filled = undefined;
      }
    } else if (s.kind === 'sentiment') {
      const field = f.control('sentiment');
      if (on) {
        t.before = field.value;
        field.value = s.sentiment;
      } else if (field.value === s.sentiment) {
        field.value = t.before || '';
      }
    }
  }

  function suggestionFor(name, key) {
    const s = per[name];
    const i = s.keys.indexOf(key);
    return i < 0 ? null : s.suggestions[i];
  }

  f.form.addEventListener('change', (event) => {
    const box = event.target.closest('.heard input[type="checkbox"][data-key]');
    if (!box) return;
    const name = box.closest('.heard').id.replace(/^interaction-|-heard$/g, '');
    const key = `${name}|${box.dataset.key}`;
    const s = suggestionFor(name, box.dataset.key);
    const t = ticks.get(key) || {};
    t.on = box.checked;
    ticks.set(key, t);
    if (!s) return;
    if (s.kind === 'promise' && !s.due_on) {
      const due = box.closest('.heard-item').querySelector('.heard-due');
      due.hidden = !box.checked;
      const input = due.querySelector('input');
      if (box.checked && !input.value) {
        const day = dateInZone(new Date(atOf() || now()), app.zone);
        t.due = addDays(day, 7);
        input.value = numericDate(t.due);
        due.querySelector('.field-echo').textContent = formatDate(t.due);
      }
    }
    fill(key, s, box.checked);
  });
  f.form.addEventListener('input', (event) => {
    const due = event.target.closest('.heard input[data-due]');
    if (due) {
      const name = due.closest('.heard').id.replace(/^interaction-|-heard$/g, '');
      const key = `${name}|${due.dataset.due}`;
      const day = readDate(due.value);
      ticks.set(key, { ...(ticks.get(key) || { on: true }), due: day || '' });
      due.closest('.heard-due').querySelector('.field-echo').textContent = day ? formatDate(day)
        : due.value.trim() ? `Not a date: write ${datePattern()}` : datePattern();
      due.closest('.heard-due').querySelector('.field-error').textContent = '';
      due.removeAttribute('aria-invalid');
      return;
    }
    if (event.target.closest('.heard')) return;
    const w = event.target.closest('[data-field]');
    if (w && per[w.dataset.field]) later(w.dataset.field);
    else if (w && w.dataset.field === 'at') SOURCES.forEach((src) => later(src.name, LISTEN_DELAY_MS));
  });
  f.form.addEventListener('change', (event) => {
    const w = event.target.closest && event.target.closest('[data-field]');
    // "Start over" puts the first values back and says so with a change on the form itself.
    if (event.target === f.form) SOURCES.forEach((src) => later(src.name, 0));
    // Who started the contact decides whose words the summary holds.
    else if (w && w.dataset.field === 'direction') later('summary', 0);
  });

  // The marks in the text follow the suggestion or intent in focus (or under the pointer).
  function light(item) {
    for (const m of dialog.querySelectorAll('.heard-mirror mark.is-current')) m.classList.remove('is-current');
    if (!item || !item.dataset.n) return;
    const panel = item.closest('.heard');
    for (const m of panel.querySelectorAll(`.heard-mirror mark[data-n~="${CSS.escape(item.dataset.n)}"]`)) {
      m.classList.add('is-current');
    }
  }
  for (const type of ['focusin', 'mouseover']) {
    f.form.addEventListener(type, (event) => light(event.target.closest('.heard-item, .intent-item')));
  }

  SOURCES.forEach((src) => {
    if (textOf(src.name).trim()) listen(src.name);
  });

  return {
    /**
     * What the Guard's reading says the summary's words do (outbound), or null (inbound, or not read).
     * @param {string|null} text the summary it read
     * @param {object[]|null} intents
     */
    setReading(text, intents) {
      reading = text === null || !intents ? null : { text, intents: intents.map((i) => ({ ...i, tone: intentTone(i) })) };
      draw('summary');
    },

    /**
     * The ticked statements, promises and facts for the current texts (waiting for a reading under way);
     * throws `{message}` and marks the field when a ticked promise has no due date.
     * @returns {Promise<{source: string, s: object, due?: string, text: string}[]>}
     */
    async picked() {
      for (const src of SOURCES) {
        const s = per[src.name];
        if (s.text !== textOf(src.name) || s.pending) await listen(src.name);
      }
      const out = [];
      for (const src of SOURCES) {
        for (const { s, key, n } of shown(src.name)) {
          const t = tickOf(src.name, key);
          if (!t || !t.on || !['statement', 'promise', 'fact'].includes(s.kind)) continue;
          const due = s.kind === 'promise' ? s.due_on || t.due : undefined;
          if (s.kind === 'promise' && !due) {
            const input = per[src.name].list.querySelector(`#heard-${src.name}-${n}-due`);
            if (input) {
              input.setAttribute('aria-invalid', 'true');
              input.closest('.heard-due').querySelector('.field-error').textContent = 'Enter when it is due.';
              input.focus();
            }
            throw { message: 'Say when the promise you ticked is due (under the text).' };
          }
          out.push({ source: src.name, s, due, text: per[src.name].text });
        }
      }
      return out;
    },

    /**
     * What was picked, as the core records it with the contact (one transaction: the contact and all of it, or
     * none of it). Statements get the contact as their source in the core.
     * @param {string} at the contact's time (UTC)
     * @param {string} channel
     * @param {{source: string, s: object, due?: string, text: string}[]} picked
     */
    toRecord(at, channel, picked) {
      const day = dateInZone(new Date(at), app.zone);
      const today = app.today();
      const madeOn = day > today ? today : day;
      const heard = { statements: [], promises: [], facts: [] };
      for (const { s, due, text } of picked) {
        if (s.kind === 'statement') {
          heard.statements.push({ words: theirWords(text, s), means: s.means });
        } else if (s.kind === 'promise') {
          heard.promises.push({ what: s.what, due_on: due, made_on: madeOn });
        } else if (s.kind === 'fact') {
          heard.facts.push({
            text: s.text, date: s.date || null, learned_on: madeOn,
            source: `${CONTACT_WORDS[channel] || 'a contact'}, ${formatDate(day)}`,
          });
        }
      }
      return heard;
    },

    /** How many of each were recorded, from what the core says it recorded. */
    counted(recorded) {
      return {
        statements: recorded.statements.length, promises: recorded.promises.length, facts: recorded.facts.length,
        failed: [],
      };
    },

    /** In words: "recorded 2 statements and a promise". */
    recordedWords(done) {
      const parts = [];
      if (done.statements) parts.push(count(done.statements, 'statement', 'statements'));
      if (done.promises) parts.push(done.promises === 1 ? 'a promise' : `${done.promises} promises`);
      if (done.facts) parts.push(done.facts === 1 ? 'a fact' : `${done.facts} facts`);
      if (!parts.length) return '';
      return `recorded ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}`;
    },

    /** The dialog closed: keep the ticks unless the contact was logged. */
    stop(saved) {
      stopped = true;
      for (const src of SOURCES) clearTimeout(per[src.name].timer);
      if (saved) keptTicks.delete(draftKey);
      else if ([...ticks.values()].some((t) => t.on)) keptTicks.set(draftKey, [...ticks]);
      else keptTicks.delete(draftKey);
    },
  };
}

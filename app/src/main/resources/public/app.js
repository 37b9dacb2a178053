// deepsentiment page: plain ES2020, no build step, no libraries. The tabs and the Text tab live
// here; hashtag.js and hashtag-charts.js (loaded after this file) hold the Hashtag tab and use the
// helpers below.
// Every text that comes from the user or the server reaches the page through textContent or
// createElement, never innerHTML, so no text can ever turn into markup.
'use strict';

const API = '/api/v1';
const MAX_CHARS = 10000;
// Contributions are changes of the log-odds ln(P(positive)/P(negative)); a word below this
// changes the odds by less than a quarter: shown as neutral.
const NEUTRAL_BELOW = 0.25;
// |contribution| below STRONGER_THAN[0] is strength-1, below STRONGER_THAN[1] strength-2, else 3.
const STRONGER_THAN = [1, 2.5];
// While the server is still loading its models it answers 503; ask again after this long.
const RETRY_MODELS_MS = 2000;

// The labels a model may have, in the order the page shows them.
const LABELS = ['negative', 'neutral', 'positive'];

const models = new Map(); // name -> entry of GET /api/v1/models
let busy = false;

function byId(id) {
  return document.getElementById(id);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

// Answers the parsed JSON body, or throws an ApiError whose message can be shown as it is:
// the server's error.message when it sent one, otherwise a description of what went wrong.
async function fetchJson(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  } catch (e) {
    throw new ApiError('network', 'Cannot reach the server. Check that it is running and try again.');
  }
  let body = null;
  if ((response.headers.get('Content-Type') || '').includes('json')) {
    try {
      body = await response.json();
    } catch (e) {
      body = null; // a broken body is reported below like a missing one
    }
  }
  if (!response.ok) {
    const error = body && body.error;
    if (error && typeof error.message === 'string') {
      throw new ApiError(error.code, error.message, response.status);
    }
    const reason = response.statusText ? ` ${response.statusText}` : '';
    throw new ApiError(`http_${response.status}`, `The server answered ${response.status}${reason}.`, response.status);
  }
  if (body === null) {
    throw new ApiError('bad_response', 'The server did not answer with JSON.', response.status);
  }
  return body;
}

function showError(message) {
  const box = byId('error');
  box.textContent = message;
  box.hidden = false;
}

function hideError() {
  const box = byId('error');
  box.hidden = true;
  box.textContent = '';
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

// "+0.83", "-0.41", "0.00" (never "-0.00" or "+0.00")
function signed(value, digits) {
  const text = value.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

function percent(value, digits = 1) {
  return `${(value * 100).toFixed(digits)}%`;
}

// A number from the server, or 0 when it is missing or not a number.
function finiteOrZero(value) {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

// An ISO-8601 time from the server as milliseconds since the epoch, or null. Java writes up to 9
// decimals of a second; Date.parse takes 3.
function parseTime(value) {
  if (typeof value !== 'string') return null;
  const millis = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(millis) ? millis : null;
}

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// In the reader's time zone and locale: "Nov 25, 2026, 10:00 PM".
function formatTime(millis) {
  return TIME_FORMAT.format(new Date(millis));
}

// ---- tabs -------------------------------------------------------------------------------------

// A tab is a button with data-tab="x" in nav.tabs; its panel is the element with data-panel="x".
// The URL hash names the open tab (/#hashtag), so a link can open any tab; no hash is the first.
// Showing a tab dispatches a "tabshown" event on document with detail.name (charts drawn in a
// hidden panel have no size, so hashtag.js redraws them then).
function tabs() {
  return Array.from(document.querySelectorAll('nav.tabs [data-tab]'));
}

function setUpTabs() {
  const all = tabs();
  all.forEach((tab, index) => {
    tab.addEventListener('click', () => openTab(tab.dataset.tab));
    // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern.
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const next = all[(index + step + all.length) % all.length];
      openTab(next.dataset.tab);
      next.focus();
    });
  });
  window.addEventListener('hashchange', () => showTab(tabFromHash()));
  showTab(tabFromHash());
}

// The tab the hash names, or the first tab when the hash names none.
function tabFromHash() {
  const name = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  const all = tabs();
  const named = all.find((tab) => tab.dataset.tab === name);
  return (named || all[0]).dataset.tab;
}

// A click on a tab: show it and put it in the URL without adding a history entry per click.
function openTab(name) {
  const first = tabs()[0].dataset.tab;
  const url = name === first ? window.location.pathname + window.location.search : `#${name}`;
  window.history.replaceState(null, '', url);
  showTab(name);
}

function showTab(name) {
  for (const tab of tabs()) {
    const selected = tab.dataset.tab === name;
    tab.classList.toggle('active', selected);
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const panel of document.querySelectorAll('[data-panel]')) {
    panel.hidden = panel.dataset.panel !== name;
  }
  document.dispatchEvent(new CustomEvent('tabshown', { detail: { name } }));
}

// ---- models -----------------------------------------------------------------------------------

async function loadModels() {
  const select = byId('model-select');
  try {
    const answer = await fetchJson(`${API}/models`);
    models.clear();
    select.replaceChildren();
    for (const model of answer.models || []) {
      models.set(model.name, model);
      const option = el('option', null, model.name);
      option.value = model.name;
      select.append(option);
    }
    if (models.has(answer.default)) select.value = answer.default;
    select.disabled = false;
    showModelInfo(select.value);
  } catch (error) {
    if (error.status === 503) {
      byId('model-info').textContent = 'The server is still loading its models…';
      setTimeout(loadModels, RETRY_MODELS_MS);
      return;
    }
    // Still let the user try: a request without "model" uses the server's default.
    const fallback = el('option', null, 'default');
    fallback.value = '';
    select.replaceChildren(fallback);
    select.disabled = false;
    byId('model-info').textContent = 'Model details are not available.';
    showError(`Could not load the list of models: ${error.message}`);
  }
}

// "Model tweets, version 20261125T203407Z. Test set: accuracy 56.99%, AvgRec 0.627 (20,556 examples)."
function showModelInfo(name, version) {
  const info = byId('model-info');
  const model = models.get(name);
  if (!name) {
    info.textContent = 'The server\'s default model.';
    return;
  }
  const parts = [`Model ${name}`];
  const shownVersion = version || (model && model.version);
  if (shownVersion) parts[0] += `, version ${shownVersion}`;
  const test = model && model.metrics && model.metrics.test;
  if (test) {
    const scores = [];
    if (typeof test.accuracy === 'number') scores.push(`accuracy ${percent(test.accuracy, 2)}`);
    if (typeof test.avgRec === 'number') scores.push(`AvgRec ${test.avgRec.toFixed(3)}`);
    let line = `Test set: ${scores.join(', ')}`;
    if (typeof test.examples === 'number') line += ` (${test.examples.toLocaleString('en')} examples)`;
    if (scores.length > 0) parts.push(line);
  }
  info.textContent = `${parts.join('. ')}.`;
}

// ---- text tab ---------------------------------------------------------------------------------

function setUpTextTab() {
  const input = byId('text-input');
  byId('text-form').addEventListener('submit', (event) => {
    event.preventDefault();
    analyze();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      analyze();
    }
  });
  input.addEventListener('input', updateCharCount);
  byId('truncate-input').addEventListener('change', updateCharCount);
  byId('model-select').addEventListener('change', (event) => showModelInfo(event.target.value));
  // Touch screens show no title tooltips, so a tap on a word writes its contribution below.
  byId('highlights').addEventListener('click', (event) => {
    const token = event.target.closest('.token');
    if (token) byId('token-detail').textContent = `${token.textContent}: ${token.title}`;
  });
  for (const example of document.querySelectorAll('#examples .example')) {
    example.addEventListener('click', () => {
      input.value = example.textContent;
      updateCharCount();
      input.focus();
    });
  }
  updateCharCount();
}

function updateCharCount() {
  // String length counts UTF-16 units, as Java's String.length() on the server does.
  const count = byId('text-input').value.length;
  const counter = byId('char-count');
  counter.textContent = `${count.toLocaleString('en')} / ${MAX_CHARS.toLocaleString('en')}`;
  counter.classList.toggle('over', count > MAX_CHARS && !byId('truncate-input').checked);
}

function setBusy(value) {
  busy = value;
  const button = byId('analyze-button');
  button.disabled = value;
  button.textContent = value ? 'Analyzing…' : 'Analyze';
  byId('result').setAttribute('aria-busy', String(value));
}

async function analyze() {
  if (busy) return;
  const input = byId('text-input');
  const text = input.value;
  if (text.trim() === '') {
    showError('Type or paste a text to analyze.');
    input.focus();
    return;
  }
  const request = { text, explain: true };
  const model = byId('model-select').value;
  if (model) request.model = model;
  if (byId('truncate-input').checked) request.truncate = true;

  hideError();
  setBusy(true);
  try {
    const answer = await fetchJson(`${API}/sentiment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    const result = answer.results && answer.results[0];
    if (!result) throw new ApiError('bad_response', 'The server answered without a result.');
    showResult(result, text);
    if (answer.model) showModelInfo(answer.model.name, answer.model.version);
  } catch (error) {
    byId('result').hidden = true; // an older result next to a new error would mislead
    showError(error.message);
  } finally {
    setBusy(false);
  }
}

function showResult(result, text) {
  // The text as scored: the box may be edited later, and the server may have cut it.
  byId('result-text').textContent = result.truncated ? `${text.slice(0, MAX_CHARS)}…` : text;
  const label = byId('result-label');
  label.textContent = result.label;
  label.className = `label ${result.label}`;

  showPolarity(result.polarity);
  showProbabilities(result.probabilities || {});
  showHighlights(result.tokens || []);
  byId('truncated-note').hidden = !result.truncated;
  const box = byId('result');
  box.hidden = false;
  // On a phone the result starts below the fold; on a large screen this does nothing.
  box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function showPolarity(polarity) {
  const value = clamp(Number(polarity) || 0, -1, 1);
  const gauge = byId('polarity-gauge');
  gauge.dataset.value = String(polarity);
  gauge.setAttribute('aria-valuenow', value.toFixed(2));
  // Positions through the CSSOM: the CSP forbids style attributes in markup, not this.
  gauge.querySelector('.gauge-marker').style.left = `${(value + 1) * 50}%`;
  const fill = gauge.querySelector('.gauge-fill');
  fill.style.left = `${50 + Math.min(value, 0) * 50}%`;
  fill.style.width = `${Math.abs(value) * 50}%`;
  fill.className = `gauge-fill ${value >= 0 ? 'positive' : 'negative'}`;
  byId('polarity-value').textContent = signed(value, 2);
}

function showProbabilities(probabilities) {
  const box = byId('probabilities');
  box.replaceChildren();
  // The server lists the labels in the model's order (negative, neutral, positive).
  for (const [name, probability] of Object.entries(probabilities)) {
    const row = el('div', 'prob-row');
    row.dataset.label = name;
    const bar = el('div', 'prob-bar');
    const fill = el('div', `prob-fill ${name}`);
    fill.style.width = `${clamp(probability, 0, 1) * 100}%`;
    bar.append(fill);
    row.append(el('span', 'prob-name', name), bar, el('span', 'prob-value', percent(probability)));
    box.append(row);
  }
}

function tokenClass(contribution) {
  const size = Math.abs(contribution);
  if (!(size >= NEUTRAL_BELOW)) return 'token neutral'; // also catches a missing number
  const direction = contribution > 0 ? 'positive' : 'negative';
  const strength = size < STRONGER_THAN[0] ? 1 : size < STRONGER_THAN[1] ? 2 : 3;
  return `token ${direction} strength-${strength}`;
}

function showHighlights(tokens) {
  const box = byId('highlights');
  box.replaceChildren();
  byId('token-detail').textContent = '';
  if (tokens.length === 0) {
    box.append(el('span', 'muted', 'The text has no words to show.'));
    return;
  }
  tokens.forEach((token, index) => {
    if (index > 0) box.append(' ');
    const span = el('span', tokenClass(token.contribution), token.token);
    const contribution = Number(token.contribution);
    span.title = Number.isFinite(contribution) ? `contribution ${signed(contribution, 3)}` : 'contribution unknown';
    box.append(span);
  });
}

// The footer names the service's version (the same as the jar's, the CLI's and the API document's).
async function showVersion() {
  try {
    const health = await fetchJson('/healthz');
    if (health.version) byId('service-version').textContent = `deepsentiment ${health.version}`;
  } catch (error) {
    // the version is a courtesy; the page works without it
  }
}

document.addEventListener('DOMContentLoaded', () => {
  setUpTabs();
  setUpTextTab();
  loadModels();
  showVersion();
});

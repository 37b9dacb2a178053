// deepsentiment page, Hashtag tab: start an analysis of a hashtag, follow its progress (Server-Sent
// Events, polling when those fail), then show the result; hashtag-charts.js draws its charts. Uses
// the helpers of app.js (loaded first). As there, every text from the user or the server reaches
// the page through textContent or createElement, never innerHTML.
(() => {
  'use strict';

  const DEFAULT_LIMIT = 100;
  const MAX_LIMIT = 1000;
  const POLL_MS = 1000;
  // Polling gives up after this many failed requests in a row (about a minute).
  const POLL_MAX_FAILURES = 60;

  let run = 0; // increases with every submission; callbacks of an older run do nothing
  let follower = null; // { stop() } of the events stream or polling of the current run
  let available = true; // false when the server has no hashtag analyses (GET /sources is 404)
  let sourcesRequested = false;
  // The result on the page: { view, settled (the history was read or failed), history, historyNote }.
  let shown = null;
  let drawPending = false; // a result arrived while the tab was hidden: draw it when shown

  // ---- set-up ---------------------------------------------------------------------------------

  function setUp() {
    byId('hashtag-form').addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
    document.addEventListener('tabshown', (event) => {
      if (event.detail.name !== 'hashtag') return;
      loadSourcesOnce();
      if (drawPending) drawCharts();
    });
    // The chart colours follow the page's light or dark scheme.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', () => {
      if (shown && !byId('hashtag-result').hidden) drawCharts();
    });
    // app.js has shown the tab of the URL already; otherwise the first "tabshown" loads them.
    if (!byId('panel-hashtag').hidden) loadSourcesOnce();
  }

  // Asked when the tab is first shown: the Text tab alone never calls the hashtag API.
  function loadSourcesOnce() {
    if (sourcesRequested) return;
    sourcesRequested = true;
    loadSources();
    loadModelChoices();
  }

  // The models the posts may be scored with; the server's default is preselected.
  async function loadModelChoices() {
    const select = byId('hashtag-model-select');
    try {
      const answer = await fetchJson(`${API}/models`);
      const names = (answer.models || []).map((m) => m.name).filter((n) => typeof n === 'string');
      if (names.length === 0) throw new ApiError('not_ready', 'no models yet', 503);
      select.replaceChildren(...names.map((name) => option(name, name)));
      if (names.includes(answer.default)) select.value = answer.default;
    } catch (error) {
      // A request without "model" uses the server's default.
      select.replaceChildren(option('', 'default'));
    }
    select.disabled = false;
  }

  async function loadSources() {
    const select = byId('source-select');
    try {
      const answer = await fetchJson(`${API}/sources`);
      const names = Array.isArray(answer.sources) ? answer.sources.filter((s) => typeof s === 'string') : [];
      const details = new Map((Array.isArray(answer.details) ? answer.details : []).map((d) => [d.name, d]));
      // A source the operator has not configured is listed, off, with what turns it on.
      select.replaceChildren(...names.map((name) => {
        const detail = details.get(name);
        const off = detail && detail.enabled === false;
        const node = option(name, off ? `${name} (not configured)` : name);
        node.disabled = off;
        return node;
      }));
      const setup = [...details.values()].filter((d) => d.enabled === false && typeof d.setup === 'string')
        .map((d) => `${d.name}: ${d.setup}.`);
      const hint = byId('source-setup');
      hint.textContent = setup.length > 0 ? `Not configured on this server — ${setup.join(' ')}` : '';
      hint.hidden = setup.length === 0;
      if (names.includes(answer.default)) select.value = answer.default;
      if (names.length === 0) throw new ApiError('not_found', 'no sources', 404);
      select.disabled = false;
    } catch (error) {
      if (error.status === 404) {
        available = false;
        byId('hashtag-button').disabled = true;
        showError('Hashtag analyses are not enabled on this server.');
        return;
      }
      // Still let the user try: a request without "source" uses the server's default.
      select.replaceChildren(option('', 'default'));
      select.disabled = false;
      showError(`Could not load the list of sources: ${error.message}`);
    }
  }

  function option(value, text) {
    const node = el('option', null, text);
    node.value = value;
    return node;
  }

  // ---- starting and following an analysis -----------------------------------------------------

  async function submit() {
    if (!available) return;
    const input = byId('hashtag-input');
    const hashtag = input.value.trim().replace(/^#+/, '');
    if (hashtag === '') {
      showError('Type a hashtag to analyze, such as #java.');
      input.focus();
      return;
    }
    const limitInput = byId('limit-input');
    const limitText = limitInput.value.trim();
    const limit = limitText === '' && !limitInput.validity.badInput ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      showError(`The number of posts must be a whole number from 1 to ${MAX_LIMIT.toLocaleString('en')}.`);
      limitInput.focus();
      return;
    }
    const request = { hashtag, limit };
    const source = byId('source-select').value;
    if (source) request.source = source;
    const model = byId('hashtag-model-select').value;
    if (model) request.model = model;

    stopFollowing();
    run += 1;
    const context = { run, reused: false };
    hideError();
    hideResult();
    showStarting();
    setStarting(true);
    let view;
    try {
      view = await fetchJson(`${API}/analyses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
    } catch (error) {
      if (context.run !== run) return;
      hideProgress();
      showError(error.message);
      return;
    } finally {
      if (context.run === run) setStarting(false);
    }
    if (context.run !== run) return;
    context.reused = view.reused === true;
    if (!update(view, context)) follow(view.id, context);
  }

  // Shows a view of the analysis; answers true when the analysis is finished (done or failed).
  function update(view, context) {
    if (context.run !== run) return true;
    if (view.status === 'done') {
      stopFollowing();
      showResult(view, context);
      return true;
    }
    if (view.status === 'failed') {
      stopFollowing();
      hideProgress();
      showError(typeof view.error === 'string' && view.error ? view.error : 'The analysis failed.');
      return true;
    }
    showProgress(view);
    return false;
  }

  // Follows the events of the analysis; when they fail, asks for its state every second.
  function follow(id, context) {
    const path = `${API}/analyses/${encodeURIComponent(id)}`;
    if (typeof window.EventSource !== 'function') {
      poll(path, context);
      return;
    }
    const events = new EventSource(`${path}/events`);
    follower = { stop: () => events.close() };
    const onEvent = (event) => {
      let view;
      try {
        view = JSON.parse(event.data);
      } catch (e) {
        return; // a broken event: the next one, or polling, brings the state
      }
      // The stream ends after done or failed; closed now, the browser does not reconnect.
      if (update(view, context)) events.close();
    };
    for (const name of ['progress', 'done', 'failed']) events.addEventListener(name, onEvent);
    events.addEventListener('error', () => {
      events.close();
      if (context.run === run) poll(path, context);
    });
  }

  function poll(path, context) {
    let stopped = false;
    let timer = null;
    let failures = 0;
    follower = {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
    const tick = async () => {
      if (stopped || context.run !== run) return;
      try {
        const view = await fetchJson(path);
        failures = 0;
        if (update(view, context)) return;
      } catch (error) {
        if (stopped || context.run !== run) return;
        failures += 1;
        if (error.status === 404 || failures >= POLL_MAX_FAILURES) {
          stopFollowing();
          hideProgress();
          showError(error.message);
          return;
        }
        byId('hashtag-status').textContent = `No answer from the server (${error.message}); trying again…`;
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
  }

  function stopFollowing() {
    if (follower) follower.stop();
    follower = null;
  }

  // ---- form state, errors, progress -----------------------------------------------------------

  function setStarting(value) {
    const button = byId('hashtag-button');
    button.disabled = value || !available;
    button.textContent = value ? 'Starting…' : 'Analyze hashtag';
  }

  function showError(message) {
    const box = byId('hashtag-error');
    box.textContent = message;
    box.hidden = false;
  }

  function hideError() {
    const box = byId('hashtag-error');
    box.hidden = true;
    box.textContent = '';
  }

  function showStarting() {
    setProgress('starting', 'Starting the analysis…', null);
  }

  // Queued: no count yet. Fetching: fetched of limit. Scoring (once a post is scored): scored of fetched.
  function showProgress(view) {
    const progress = view.progress || {};
    const limit = finiteOrZero(progress.limit);
    const fetched = finiteOrZero(progress.fetched);
    const scored = finiteOrZero(progress.scored);
    const source = typeof view.source === 'string' ? view.source : 'the source';
    if (view.status === 'queued') {
      setProgress('queued', 'Waiting for a free worker…', null);
    } else if (scored > 0) {
      setProgress('running', `Scoring posts: ${scored.toLocaleString('en')} of ${fetched.toLocaleString('en')}`,
        fetched > 0 ? scored / fetched : 0);
    } else {
      const text = `Fetching posts from ${source}: ${fetched.toLocaleString('en')} of ${limit.toLocaleString('en')}`;
      setProgress('running', text, limit > 0 ? fetched / limit : 0);
    }
  }

  // fraction null: an indeterminate bar.
  function setProgress(status, text, fraction) {
    const box = byId('hashtag-progress');
    box.dataset.status = status;
    byId('hashtag-status').textContent = text;
    const bar = byId('hashtag-progress-bar');
    const fill = bar.querySelector('.progress-fill');
    bar.classList.toggle('indeterminate', fraction === null);
    if (fraction === null) {
      bar.removeAttribute('aria-valuenow');
      fill.style.width = '';
    } else {
      const value = Math.round(clamp(fraction, 0, 1) * 100);
      bar.setAttribute('aria-valuenow', String(value));
      fill.style.width = `${value}%`;
    }
    box.hidden = false;
  }

  function hideProgress() {
    byId('hashtag-progress').hidden = true;
  }

  // ---- the result -----------------------------------------------------------------------------

  // Why the result holds fewer posts than it could (a server that refused, an allowance spent).
  function showNotes(notes) {
    const list = byId('hashtag-notes');
    const texts = Array.isArray(notes) ? notes.filter((n) => typeof n === 'string' && n) : [];
    list.replaceChildren(...texts.map((text) => el('li', null, text)));
    list.hidden = texts.length === 0;
  }

  function showDownloads(view) {
    const posts = `${API}/analyses/${encodeURIComponent(view.id)}/posts`;
    byId('posts-csv').href = `${posts}?format=csv`;
    byId('posts-json').href = posts;
    byId('history-csv').href = `${API}/hashtags/${encodeURIComponent(view.hashtag)}/history?format=csv`;
  }

  function hideResult() {
    shown = null;
    drawPending = false;
    const box = byId('hashtag-result');
    box.hidden = true;
    box.removeAttribute('data-ready');
  }

  async function showResult(view, context) {
    const result = view.result || {};
    hideProgress();
    byId('hashtag-title').textContent = `#${view.hashtag}`;
    showSummary(view, result, context.reused);
    showNotes(result.notes);
    showDownloads(view);
    showPosts(byId('most-positive'), result.mostPositive, 'No posts.');
    showPosts(byId('most-negative'), result.mostNegative, 'No posts.');
    const box = byId('hashtag-result');
    box.removeAttribute('data-ready');
    box.hidden = false;
    shown = { view, settled: false, history: null, historyNote: null };

    // The history includes this analysis; it is read once the analysis is done.
    try {
      const answer = await fetchJson(`${API}/hashtags/${encodeURIComponent(view.hashtag)}/history`);
      if (context.run !== run) return;
      shown.history = Array.isArray(answer.analyses) ? answer.analyses : [];
    } catch (error) {
      if (context.run !== run) return;
      shown.historyNote = `The history is not available: ${error.message}`;
    }
    shown.settled = true;
    drawCharts();
  }

  // "95 posts scored (100 fetched) · mean polarity +0.12 (95% interval +0.05 to +0.19) · source
  // mastodon · model tweets 20261125T203407Z · finished 25 Nov 2026, 22:00 · reused a recent result"
  function showSummary(view, result, reused) {
    const line = byId('hashtag-summary');
    const parts = [];
    const posts = finiteOrZero(result.posts);
    const first = el('span');
    first.append(el('strong', null, `${posts.toLocaleString('en')} ${posts === 1 ? 'post' : 'posts'}`), ' scored');
    if (Number.isFinite(result.fetched)) first.append(` (${result.fetched.toLocaleString('en')} fetched)`);
    parts.push(first);
    if (posts > 0 && Number.isFinite(result.meanPolarity)) {
      const mean = el('span');
      mean.append('mean polarity ', el('strong', 'mean-polarity', signed(result.meanPolarity, 2)));
      if (Number.isFinite(result.meanPolarityLow) && Number.isFinite(result.meanPolarityHigh)) {
        mean.append(` (95% interval ${signed(result.meanPolarityLow, 2)} to ${signed(result.meanPolarityHigh, 2)})`);
      }
      parts.push(mean);
    }
    if (view.source) parts.push(el('span', null, `source ${view.source}`));
    const model = view.model || {};
    if (model.name || model.version) {
      parts.push(el('span', null, ['model', model.name, model.version].filter(Boolean).join(' ')));
    }
    const finished = parseTime(view.finishedAt);
    if (finished !== null) {
      const span = el('span', null, 'finished ');
      span.append(timeElement(finished, 'finished-at'));
      parts.push(span);
    }
    if (reused) parts.push(el('span', 'reused-note', 'reused a recent result'));
    line.replaceChildren();
    parts.forEach((part, index) => {
      if (index > 0) line.append(' · ');
      line.append(part);
    });
  }

  function showPosts(list, posts, emptyText) {
    list.replaceChildren();
    const items = Array.isArray(posts) ? posts.filter((p) => p && typeof p === 'object') : [];
    if (items.length === 0) {
      list.append(el('li', 'empty', emptyText));
      return;
    }
    for (const post of items) list.append(postItem(post));
  }

  function postItem(post) {
    const item = el('li', 'post');
    item.append(el('p', 'post-text', typeof post.text === 'string' ? post.text : ''));
    const meta = el('div', 'post-meta');
    const polarity = Number(post.polarity);
    const label = LABELS.includes(post.label) ? post.label : '';
    const value = el('span', `post-polarity ${label}`.trim(), Number.isFinite(polarity) ? signed(polarity, 2) : '?');
    value.title = label ? `${label}, polarity` : 'polarity';
    meta.append(value);
    if (typeof post.author === 'string' && post.author) meta.append(el('span', 'post-author', post.author));
    const created = parseTime(post.createdAt);
    if (created !== null) meta.append(timeElement(created, 'post-time'));
    const url = webUrl(post.url);
    if (url) {
      const link = el('a', 'post-link', 'Open post');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      if (typeof post.author === 'string' && post.author) {
        link.setAttribute('aria-label', `Open the post by ${post.author}`);
      }
      meta.append(link);
    } else if (typeof post.url === 'string' && post.url) {
      meta.append(el('span', 'post-url', post.url)); // not http(s): shown, never followed
    }
    item.append(meta);
    return item;
  }

  // Only absolute http and https addresses become links.
  function webUrl(raw) {
    if (typeof raw !== 'string') return null;
    try {
      const url = new URL(raw);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function timeElement(millis, className) {
    const node = el('time', className, formatTime(millis));
    node.dateTime = new Date(millis).toISOString();
    return node;
  }

  // ---- charts ---------------------------------------------------------------------------------

  // Draws the charts of the shown result (hashtag-charts.js); #hashtag-result gets data-ready="true"
  // once all are drawn. In a hidden tab the charts would have no size: then they are drawn when the
  // tab shows.
  async function drawCharts() {
    if (!shown || !shown.settled) return;
    if (byId('panel-hashtag').hidden) {
      drawPending = true;
      return;
    }
    drawPending = false;
    const current = shown;
    const note = byId('history-note');
    note.textContent = current.historyNote || '';
    note.hidden = !current.historyNote;
    await window.HashtagCharts.draw(current.view.result || {}, current.history);
    if (shown === current) byId('hashtag-result').dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', setUp);
})();

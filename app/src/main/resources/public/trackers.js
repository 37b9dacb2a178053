// deepsentiment page, Trackers tab: track a hashtag on a schedule, list the tracked ones with their
// latest mood and a sparkline, and show one's runs and its live minutes from Bluesky, a chart that
// moves as the server's events arrive. Uses the helpers of app.js and the chart pieces of
// hashtag-charts.js. Every text reaches the page through textContent or createElement.
(() => {
  'use strict';

  const LABEL_ORDER = ['negative', 'neutral', 'positive'];
  // While the tab is shown, the list is read again this often (runs finish on their own schedule).
  const REFRESH_MS = 10000;
  let loaded = false;
  let timer = null;
  let live = null; // the EventSource of the shown tracker's live minutes
  let selected = null; // id of the tracker shown in detail

  function setUp() {
    byId('tracker-form').addEventListener('submit', (event) => {
      event.preventDefault();
      track();
    });
    document.addEventListener('tabshown', (event) => {
      if (event.detail.name === 'trackers') {
        loadOnce();
      } else {
        stopLive();
        clearInterval(timer);
        timer = null;
      }
    });
    if (!byId('panel-trackers').hidden) loadOnce();
  }

  function loadOnce() {
    if (!loaded) {
      loaded = true;
      loadSources();
    }
    refresh();
    if (timer === null) timer = setInterval(() => refresh(), REFRESH_MS);
  }

  async function loadSources() {
    const select = byId('tracker-source');
    try {
      const answer = await fetchJson(`${API}/sources`);
      const details = Array.isArray(answer.details) ? answer.details : [];
      select.replaceChildren(...details.map((d) => {
        const node = el('option', null, d.enabled === false ? `${d.name} (not configured)` : d.name);
        node.value = d.name;
        node.disabled = d.enabled === false;
        return node;
      }));
      if (typeof answer.default === 'string') select.value = answer.default;
    } catch (error) {
      select.replaceChildren(el('option', null, 'default'));
      select.firstChild.value = '';
      if (error.status === 404) {
        byId('tracker-button').disabled = true;
        showError('Hashtag analyses are not enabled on this server.');
      }
    }
    select.disabled = false;
  }

  async function track() {
    const input = byId('tracker-input');
    const hashtag = input.value.trim().replace(/^#+/, '');
    if (hashtag === '') {
      showError('Type a hashtag to track, such as #java.');
      input.focus();
      return;
    }
    const request = { hashtag, every: byId('tracker-every').value };
    const source = byId('tracker-source').value;
    if (source) request.source = source;
    const button = byId('tracker-button');
    button.disabled = true;
    hideError();
    try {
      const tracker = await fetchJson(`${API}/trackers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
      input.value = '';
      selected = tracker.id;
      await refresh();
    } catch (error) {
      showError(error.message);
    } finally {
      button.disabled = false;
    }
  }

  // Reads the trackers and draws the list; the shown tracker's detail too.
  async function refresh() {
    const list = byId('tracker-list');
    let trackers;
    try {
      const answer = await fetchJson(`${API}/trackers`);
      trackers = Array.isArray(answer.trackers) ? answer.trackers : [];
    } catch (error) {
      showError(`Could not load the trackers: ${error.message}`);
      return;
    }
    list.removeAttribute('data-ready');
    list.replaceChildren(...trackers.map(card));
    byId('trackers-empty').hidden = trackers.length > 0;
    await Promise.all(trackers.map((t) => sparkline(t)));
    list.dataset.ready = 'true';
    const shown = trackers.find((t) => t.id === selected);
    if (shown) {
      showDetail(shown.id);
    } else {
      selected = null;
      hideDetail();
    }
  }

  // "#java · mastodon · every hour · mostly positive (52%), mean +0.21 · next run 14:00"
  function card(tracker) {
    const item = el('li', 'tracker-card card');
    item.dataset.id = tracker.id;
    const head = el('div', 'tracker-head');
    head.append(el('span', 'hashtag-title', `#${tracker.hashtag}`),
      el('span', 'hint', `${tracker.source} · every ${every(tracker.every)}`));
    item.append(head, el('p', 'tracker-mood', mood(tracker.latest)));
    const spark = el('div', 'sparkline');
    spark.id = `spark-${tracker.id}`;
    item.append(spark);
    const next = parseTime(tracker.nextRunAt);
    item.append(el('p', 'hint', next === null ? '' : `Next run ${formatTime(next)}`));
    const actions = el('div', 'tracker-actions');
    const open = el('button', 'secondary', 'Show');
    open.type = 'button';
    open.addEventListener('click', () => {
      selected = tracker.id;
      showDetail(tracker.id);
    });
    const stop = el('button', 'secondary', 'Stop tracking');
    stop.type = 'button';
    stop.addEventListener('click', () => untrack(tracker));
    actions.append(open, stop);
    item.append(actions);
    return item;
  }

  function every(duration) {
    const names = { PT5M: '5 minutes', PT15M: '15 minutes', PT1H: 'hour', PT6H: '6 hours', P1D: 'day', PT24H: 'day' };
    return names[duration] || duration;
  }

  function mood(latest) {
    if (!latest) return 'No run has finished yet.';
    const shares = latest.shares || {};
    const top = Object.keys(shares).sort((a, b) => shares[b] - shares[a])[0];
    const posts = finiteOrZero(latest.posts);
    if (posts === 0 || !top) return 'The last run found no new posts.';
    return `Mostly ${top} (${percent(shares[top], 0)}), mean polarity ${signed(finiteOrZero(latest.meanPolarity), 2)}`
      + ` · ${posts.toLocaleString('en')} new posts`;
  }

  function sparkline(tracker) {
    const charts = window.HashtagCharts;
    const id = `spark-${tracker.id}`;
    if (!window.echarts || !charts) return Promise.resolve();
    const points = (tracker.series || []).map((p) => [parseTime(p.finishedAt), p.meanPolarity])
      .filter(([time, value]) => time !== null && Number.isFinite(value));
    if (points.length === 0) {
      charts.chartNote(id, 'No runs yet.');
      return Promise.resolve();
    }
    const colors = charts.palette();
    return charts.drawChart(id, {
      ...charts.baseOption(colors, `Mean polarity of the last ${points.length} runs of #${tracker.hashtag}.`),
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'time', show: false },
      yAxis: { type: 'value', min: -1, max: 1, show: false },
      series: [{ type: 'line', data: points, symbol: 'none', lineStyle: { color: colors.accent, width: 2 } }],
    });
  }

  async function untrack(tracker) {
    hideError();
    try {
      await fetchJson(`${API}/trackers/${encodeURIComponent(tracker.id)}`, { method: 'DELETE' });
    } catch (error) {
      // 204 has no JSON body, which fetchJson reports; 404: it was stopped already
      if (error.status !== 204 && error.status !== 404) {
        showError(error.message);
        return;
      }
    }
    if (selected === tracker.id) selected = null;
    await refresh();
  }

  // ---- one tracker: its runs and its live minutes ---------------------------------------------

  async function showDetail(id) {
    let tracker;
    try {
      tracker = await fetchJson(`${API}/trackers/${encodeURIComponent(id)}`);
    } catch (error) {
      showError(error.message);
      return;
    }
    const box = byId('tracker-detail');
    box.hidden = false;
    byId('tracker-title').textContent = `#${tracker.hashtag}`;
    byId('tracker-summary').textContent = `${tracker.source} · every ${every(tracker.every)} · ${mood(tracker.latest)}`;
    drawRuns(tracker);
    if (!live || live.hashtag !== tracker.hashtag) followLive(tracker.hashtag);
  }

  function hideDetail() {
    stopLive();
    byId('tracker-detail').hidden = true;
  }

  function drawRuns(tracker) {
    const charts = window.HashtagCharts;
    if (!window.echarts || !charts) return;
    const points = (tracker.series || []).map((p) => [parseTime(p.finishedAt), p.meanPolarity, finiteOrZero(p.posts)])
      .filter(([time, value]) => time !== null && Number.isFinite(value));
    if (points.length === 0) {
      charts.chartNote('tracker-chart', 'No run has finished yet.');
      return;
    }
    const colors = charts.palette();
    charts.drawChart('tracker-chart', {
      ...charts.baseOption(colors, `Mean polarity of ${points.length} runs of #${tracker.hashtag}.`),
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'time', ...charts.axisStyle(colors), splitLine: { show: false },
        axisLabel: { color: colors.muted, hideOverlap: true, formatter: charts.TIME_AXIS_LABELS } },
      yAxis: { type: 'value', min: -1, max: 1, interval: 0.5, ...charts.axisStyle(colors),
        axisLabel: { color: colors.muted, formatter: (value) => signed(value, 1) } },
      series: [{ type: 'line', data: points, symbol: 'circle', symbolSize: 6,
        itemStyle: { color: colors.accent }, lineStyle: { color: colors.accent, width: 2 } }],
      tooltip: charts.tooltip(colors, (p) => `${formatTime(p.value[0])}\nmean polarity ${signed(p.value[1], 2)}\n`
        + `${p.value[2].toLocaleString('en')} new posts`),
    });
  }

  // The live minutes: first as the server has them, then whenever a minute changes (Server-Sent
  // Events; the browser reconnects by itself when the stream ends).
  function followLive(hashtag) {
    stopLive();
    const path = `${API}/live/${encodeURIComponent(hashtag)}`;
    fetchJson(path).then((view) => drawLive(view)).catch((error) => {
      byId('live-note').textContent = `The live view is not available: ${error.message}`;
    });
    if (typeof window.EventSource !== 'function') return;
    live = new EventSource(`${path}/events`);
    live.hashtag = hashtag;
    live.addEventListener('minutes', (event) => {
      try {
        drawLive(JSON.parse(event.data));
      } catch (e) {
        // a broken event: the next one brings the minutes again
      }
    });
  }

  function stopLive() {
    if (live) live.close();
    live = null;
  }

  function drawLive(view) {
    const minutes = Array.isArray(view.minutes) ? view.minutes : [];
    const chartBox = byId('live-chart');
    chartBox.dataset.minutes = String(minutes.length);
    chartBox.dataset.posts = String(minutes.reduce((sum, m) => sum + finiteOrZero(m.posts), 0));
    const stream = view.stream || {};
    let note;
    if (stream.enabled === false) {
      note = 'This server does not follow Bluesky live (started with --no-live).';
    } else if (!view.following) {
      note = 'Not followed live: the live view follows tracked hashtags.';
    } else {
      note = `${minutes.length} minutes with posts in the last hour.`;
    }
    byId('live-note').textContent = note;
    const charts = window.HashtagCharts;
    if (!window.echarts || !charts) return;
    const colors = charts.palette();
    const labels = [...new Set(minutes.flatMap((m) => Object.keys(m.counts || {})))]
      .sort((a, b) => LABEL_ORDER.indexOf(a) - LABEL_ORDER.indexOf(b));
    const times = minutes.map((m) => parseTime(m.minute));
    const series = labels.map((label) => ({
      type: 'bar', stack: 'posts', name: label, itemStyle: { color: colors[label] || colors.muted },
      data: minutes.map((m, i) => [times[i], finiteOrZero((m.counts || {})[label])]),
    }));
    series.push({ type: 'line', name: 'mean polarity', yAxisIndex: 1, symbol: 'circle', symbolSize: 5,
      itemStyle: { color: colors.accent }, lineStyle: { color: colors.accent, width: 2 },
      data: minutes.map((m, i) => [times[i], m.meanPolarity]) });
    charts.drawChart('live-chart', {
      ...charts.baseOption(colors, `Posts per minute and their mean polarity for #${view.hashtag}.`),
      animationDuration: 200,
      legend: { top: 0, textStyle: { color: colors.text } },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'time', ...charts.axisStyle(colors), splitLine: { show: false },
        axisLabel: { color: colors.muted, hideOverlap: true, formatter: charts.TIME_AXIS_LABELS } },
      yAxis: [
        { type: 'value', name: 'posts', minInterval: 1, ...charts.axisStyle(colors) },
        { type: 'value', name: 'polarity', min: -1, max: 1, ...charts.axisStyle(colors), splitLine: { show: false } },
      ],
      series,
      tooltip: charts.tooltip(colors, (p) => `${p.seriesName}, ${formatTime(p.value[0])}\n`
        + (p.seriesName === 'mean polarity' ? signed(p.value[1], 2) : `${p.value[1]} posts`)),
    });
  }

  function showError(message) {
    const box = byId('trackers-error');
    box.textContent = message;
    box.hidden = false;
  }

  function hideError() {
    const box = byId('trackers-error');
    box.hidden = true;
    box.textContent = '';
  }

  setUp();
})();

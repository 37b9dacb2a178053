// deepsentiment page, Hashtag tab: the three charts of a result, drawn with ECharts (the WebJar
// served by this server, loaded before this file) in the colours of app.css. Tooltips are drawn on
// the canvas (renderMode richText): no HTML, so no inline styles for the CSP and no markup from
// text. Uses the helpers of app.js (byId, el, signed, percent, finiteOrZero, parseTime, formatTime,
// LABELS); hashtag.js calls window.HashtagCharts.draw(result, history).
(() => {
  'use strict';

  // A chart reports "finished" once drawn; should that event never come, do not wait longer.
  const CHART_WAIT_MS = 3000;
  // Histogram bins whose centre lies closer to 0 than this are drawn in the neutral colour.
  const NEUTRAL_BIN = 0.2;
  // History lines after the first source (which takes --accent), one per further source.
  const MORE_SOURCE_COLORS = ['#a06a00', '#8e44ad', '#2f7d99'];
  const CHART_IDS = ['shares-chart', 'histogram-chart', 'history-chart'];

  // Draws the label shares and the histogram of a result and, when given (an array of GET
  // /hashtags/{tag}/history analyses), the history; without it the history box says so.
  // Resolves once every chart is drawn.
  function draw(result, history) {
    if (!window.echarts) {
      for (const id of CHART_IDS) chartNote(id, 'Charts are not available: the chart library did not load.');
      return Promise.resolve();
    }
    const colors = palette();
    const drawn = [
      drawChart('shares-chart', sharesOption(result, colors)),
      drawChart('histogram-chart', histogramOption(result, colors)),
    ];
    if (history) {
      drawn.push(drawChart('history-chart', historyOption(history, colors)));
    } else {
      chartNote('history-chart', 'No history to show.');
    }
    return Promise.all(drawn).then(() => undefined);
  }

  // Resolves once ECharts reports the chart drawn (animations included).
  function drawChart(id, option) {
    const dom = byId(id);
    let chart = echarts.getInstanceByDom(dom);
    if (!chart) {
      dom.replaceChildren(); // a note from before
      chart = echarts.init(dom, null, { renderer: 'canvas' });
      followSize(dom, chart);
    }
    return new Promise((resolve) => {
      let timer = null;
      const done = () => {
        chart.off('finished', done);
        clearTimeout(timer);
        resolve();
      };
      timer = setTimeout(done, CHART_WAIT_MS);
      chart.on('finished', done);
      chart.setOption(option, true);
    });
  }

  function chartNote(id, text) {
    const dom = byId(id);
    const chart = window.echarts && echarts.getInstanceByDom(dom);
    if (chart) chart.dispose();
    dom.replaceChildren(el('p', 'chart-note', text));
  }

  // Charts follow the size of their box (window, phone rotation, tab shown again).
  function followSize(dom, chart) {
    if (!window.ResizeObserver) return;
    let frame = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (dom.clientWidth > 0 && !chart.isDisposed()) chart.resize();
      });
    }).observe(dom);
  }

  // Without ResizeObserver (old browsers) the charts follow the window.
  function resizeCharts() {
    if (!window.echarts) return;
    for (const id of CHART_IDS) {
      const dom = byId(id);
      const chart = echarts.getInstanceByDom(dom);
      if (chart && dom.clientWidth > 0) chart.resize();
    }
  }

  // The colours of the page (app.css), so the charts match the Text tab in light and dark mode.
  function palette() {
    const css = getComputedStyle(document.documentElement);
    const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
    return {
      negative: v('--negative', '#c0342b'),
      neutral: v('--neutral', '#6b7280'),
      positive: v('--positive', '#16803c'),
      accent: v('--accent', '#2f5fd0'),
      text: v('--text', '#1d232b'),
      muted: v('--muted', '#5d6875'),
      border: v('--border', '#d9dee4'),
      card: v('--card', '#ffffff'),
      font: getComputedStyle(document.body).fontFamily || 'sans-serif',
    };
  }

  function baseOption(colors, description) {
    return {
      animationDuration: 400,
      textStyle: { fontFamily: colors.font, color: colors.text },
      aria: { enabled: true, label: { description } },
    };
  }

  // Each chart adds its formatter.
  function tooltip(colors, formatter) {
    return {
      // Drawn on the canvas: no HTML, so no inline styles for the CSP and no markup from text.
      renderMode: 'richText',
      confine: true,
      backgroundColor: colors.card,
      borderColor: colors.border,
      textStyle: { color: colors.text },
      formatter,
    };
  }

  function axisStyle(colors) {
    return {
      axisLine: { lineStyle: { color: colors.border } },
      axisTick: { lineStyle: { color: colors.border } },
      axisLabel: { color: colors.muted },
      splitLine: { lineStyle: { color: colors.border, opacity: 0.6 } },
      nameTextStyle: { color: colors.muted },
    };
  }

  function labelRank(name) {
    const index = LABELS.indexOf(name);
    return index < 0 ? LABELS.length : index;
  }

  function sharesOption(result, colors) {
    const shares = result.shares && typeof result.shares === 'object' ? result.shares : {};
    const counts = result.counts && typeof result.counts === 'object' ? result.counts : {};
    const names = Object.keys(shares).sort((a, b) => labelRank(a) - labelRank(b));
    const description = `Share of posts per label: ${names
      .map((n) => `${n} ${percent(finiteOrZero(shares[n]))}`).join(', ')}.`;
    return {
      ...baseOption(colors, description),
      grid: { left: 8, right: 8, top: 28, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: names, ...axisStyle(colors), axisTick: { show: false },
        axisLabel: { color: colors.text } },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, ...axisStyle(colors),
        axisLabel: { color: colors.muted, formatter: (value) => `${value}%` } },
      series: [{
        type: 'bar',
        barMaxWidth: 72,
        data: names.map((name) => ({
          value: Math.round(finiteOrZero(shares[name]) * 10000) / 100,
          itemStyle: { color: LABELS.includes(name) ? colors[name] : colors.accent, borderRadius: [4, 4, 0, 0] },
        })),
        label: { show: true, position: 'top', color: colors.text, formatter: (p) => `${p.value.toFixed(1)}%` },
      }],
      tooltip: tooltip(colors, (p) => {
        const posts = finiteOrZero(counts[p.name]).toLocaleString('en');
        return `${p.name}: ${percent(finiteOrZero(shares[p.name]))} (${posts} posts)`;
      }),
    };
  }

  function binColor(from, to, colors) {
    const centre = (from + to) / 2;
    if (Math.abs(centre) < NEUTRAL_BIN) return colors.neutral;
    return centre < 0 ? colors.negative : colors.positive;
  }

  // A true histogram: one rectangle per bin on a value axis from -1 to +1.
  function histogramOption(result, colors) {
    const bins = (Array.isArray(result.histogram) ? result.histogram : [])
      .filter((b) => b && Number.isFinite(b.from) && Number.isFinite(b.to))
      .map((b) => [b.from, b.to, finiteOrZero(b.count)]);
    const description = `Histogram of the posts' polarity from -1 to +1: ${bins
      .map(([from, to, n]) => `${signed(from, 1)} to ${signed(to, 1)}: ${n}`).join('; ')}.`;
    return {
      ...baseOption(colors, description),
      grid: { left: 8, right: 16, top: 16, bottom: 28, containLabel: true },
      xAxis: { type: 'value', min: -1, max: 1, interval: 0.5, ...axisStyle(colors), splitLine: { show: false },
        name: 'polarity', nameLocation: 'middle', nameGap: 26,
        axisLabel: { color: colors.muted, formatter: (value) => signed(value, 1) } },
      yAxis: { type: 'value', minInterval: 1, ...axisStyle(colors) },
      series: [{
        type: 'custom',
        data: bins,
        encode: { x: [0, 1], y: 2 },
        renderItem: (params, api) => {
          const from = api.value(0);
          const to = api.value(1);
          const top = api.coord([from, api.value(2)]);
          const bottom = api.coord([to, 0]);
          return {
            type: 'rect',
            shape: {
              x: top[0] + 1, y: top[1], width: Math.max(bottom[0] - top[0] - 2, 1), height: bottom[1] - top[1],
            },
            style: { fill: binColor(from, to, colors) },
          };
        },
      }],
      tooltip: tooltip(colors, (p) => {
        const [from, to, n] = p.value;
        return `${signed(from, 1)} to ${signed(to, 1)}: ${n.toLocaleString('en')} ${n === 1 ? 'post' : 'posts'}`;
      }),
    };
  }

  // Mean polarity over the finish time, one line per source, the 95% interval as error bars.
  function historyOption(analyses, colors) {
    const points = analyses
      .map((a) => ({ ...a, time: parseTime(a.finishedAt) }))
      .filter((a) => a.time !== null && Number.isFinite(a.meanPolarity))
      .sort((a, b) => a.time - b.time);
    const sources = [...new Set(points.map((p) => String(p.source)))];
    const series = [];
    sources.forEach((source, index) => {
      const color = index === 0 ? colors.accent : MORE_SOURCE_COLORS[(index - 1) % MORE_SOURCE_COLORS.length];
      const mine = points.filter((p) => String(p.source) === source);
      series.push({
        type: 'custom',
        name: source,
        silent: true,
        data: mine.filter((p) => Number.isFinite(p.meanPolarityLow) && Number.isFinite(p.meanPolarityHigh))
          .map((p) => [p.time, p.meanPolarityLow, p.meanPolarityHigh]),
        encode: { x: 0, y: [1, 2] },
        itemStyle: { color }, // the legend takes the colour of the first series of a name
        renderItem: (params, api) => errorBar(api, color),
      });
      series.push({
        type: 'line',
        name: source,
        symbol: 'circle',
        symbolSize: 7,
        itemStyle: { color },
        lineStyle: { color, width: 2 },
        data: mine.map((p) => [p.time, p.meanPolarity, p.meanPolarityLow, p.meanPolarityHigh, finiteOrZero(p.posts)]),
        encode: { x: 0, y: 1 },
        markLine: index > 0 ? undefined : {
          silent: true, symbol: 'none', label: { show: false },
          lineStyle: { color: colors.muted, type: 'dashed', width: 1 }, data: [{ yAxis: 0 }],
        },
      });
    });
    const several = sources.length > 1;
    const description = `Mean polarity of ${points.length} analyses over time`
      + `${several ? `, sources ${sources.join(', ')}` : ''}.`;
    return {
      ...baseOption(colors, description),
      legend: { show: several, top: 0, textStyle: { color: colors.text }, data: sources },
      grid: { left: 8, right: 24, top: several ? 36 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'time', ...axisStyle(colors), splitLine: { show: false },
        axisLine: { onZero: false, lineStyle: { color: colors.border } },
        axisLabel: { color: colors.muted, hideOverlap: true, formatter: TIME_AXIS_LABELS } },
      yAxis: { type: 'value', min: -1, max: 1, interval: 0.5, ...axisStyle(colors),
        axisLabel: { color: colors.muted, formatter: (value) => signed(value, 1) } },
      series,
      // The error bars are silent: only the points of the lines answer the pointer.
      tooltip: tooltip(colors, (p) => {
        const [time, mean, low, high, posts] = p.value;
        const interval = Number.isFinite(low) && Number.isFinite(high)
          ? ` (95%: ${signed(low, 2)} to ${signed(high, 2)})` : '';
        return `${p.seriesName}, ${formatTime(time)}\nmean polarity ${signed(mean, 2)}${interval}\n`
          + `${posts.toLocaleString('en')} posts`;
      }),
    };
  }

  // ECharts templates per tick level (the default shows a bare day of the month).
  const TIME_AXIS_LABELS = {
    year: '{yyyy}', month: '{MMM} {yyyy}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}',
    second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}',
  };

  function errorBar(api, color) {
    const low = api.coord([api.value(0), api.value(1)]);
    const high = api.coord([api.value(0), api.value(2)]);
    const cap = 4;
    const style = { stroke: color, lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
        { type: 'line', shape: { x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1] }, style },
        { type: 'line', shape: { x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1] }, style },
      ],
    };
  }

  if (!window.ResizeObserver) window.addEventListener('resize', resizeCharts);

  // The Trackers tab (trackers.js) draws its charts with the same pieces.
  window.HashtagCharts = { draw, drawChart, chartNote, palette, baseOption, tooltip, axisStyle, TIME_AXIS_LABELS };
})();

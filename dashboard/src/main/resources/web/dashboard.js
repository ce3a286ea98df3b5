// Live referrer counts: polls /api/GetCounts, one line per referrer over the last 120 s.
'use strict';

const SPAN_MS = 120_000;          // what the chart shows
const POLL_MS = 500;              // chart refresh (at least once a second)
const TOP_MS = 2_000;             // Top-3 table refresh
const RESOURCES_MS = 10_000;      // resource list refresh
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
                '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const state = { resource: null, items: new Map(), loaded: false, polling: false };
const select = document.getElementById('resource');
const errorBox = document.getElementById('error');

const chart = new Chart(document.getElementById('chart'), {
  type: 'line',
  data: { datasets: [] },
  options: {
    animation: false,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0 } },
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: {
        type: 'linear',
        ticks: { callback: v => mmss(v), maxRotation: 0, stepSize: 10_000 },
        title: { display: true, text: 'Time (mm:ss)' },
      },
      y: {
        beginAtZero: true,
        title: { display: true, text: 'Requests sent from referrer over 10 seconds' },
      },
    },
    plugins: { tooltip: { callbacks: { title: ctx => ctx.length ? mmss(ctx[0].parsed.x) : '' } } },
  },
});

function mmss(ms) {
  const d = new Date(ms);
  return String(d.getMinutes()).padStart(2, '0') + ':' + String(d.getSeconds()).padStart(2, '0');
}

function showError(message) {
  errorBox.textContent = message || '';
}

async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || ('HTTP ' + response.status));
  }
  return body;
}

async function loadResources() {
  try {
    const { resources } = await getJson('/api/resources');
    const current = state.resource;
    const wanted = new URLSearchParams(location.search).get('resource');
    select.replaceChildren(...resources.map(r => new Option(r, r)));
    if (resources.length === 0) {
      select.replaceChildren(new Option('(no counts yet)', ''));
      return;
    }
    const pick = [current, wanted].find(r => r && resources.includes(r)) || resources[0];
    select.value = pick;
    if (pick !== current) {
      choose(pick);
    }
  } catch (e) {
    showError('Cannot list resources: ' + e.message);
  }
}

function choose(resource) {
  state.resource = resource;
  state.items = new Map();
  state.loaded = false;
  chart.data.datasets = [];
  chart.update('none');
  updateTop();
  poll();
}

async function poll() {
  if (!state.resource || state.polling) {
    return;
  }
  state.polling = true;
  const resource = state.resource;
  // The first call fetches the whole span; later ones only what is new.
  const range = state.loaded ? 5 : SPAN_MS / 1000;
  try {
    const items = await getJson('/api/GetCounts?resource=' + encodeURIComponent(resource)
        + '&range_in_seconds=' + range);
    if (resource !== state.resource) {
      return;
    }
    for (const item of items) {
      state.items.set(item.timestamp + '|' + item.host, item);
    }
    state.loaded = true;
    redraw();
    showError('');
  } catch (e) {
    showError('Cannot read counts: ' + e.message);
  } finally {
    state.polling = false;
  }
}

function sortedItems() {
  return [...state.items.values()].sort((a, b) => a.timestamp - b.timestamp);
}

function redraw() {
  const items = sortedItems();
  if (items.length === 0) {
    return;
  }
  const newest = items[items.length - 1].timestamp;
  const oldest = newest - SPAN_MS;
  for (const [key, item] of state.items) {
    if (item.timestamp < oldest) {
      state.items.delete(key);
    }
  }
  const kept = items.filter(i => i.timestamp >= oldest);
  const referrers = [...new Set(kept.flatMap(i => i.referrerCounts.map(c => c.referrer)))].sort();
  chart.data.datasets = referrers.map((referrer, n) => {
    const existing = chart.data.datasets.find(d => d.label === referrer);
    const dataset = existing || { label: referrer, borderColor: COLORS[n % COLORS.length],
                                  backgroundColor: COLORS[n % COLORS.length], data: [] };
    // A referrer missing from an item had no clicks in that window.
    dataset.data = kept.map(i => ({ x: i.timestamp,
                                    y: (i.referrerCounts.find(c => c.referrer === referrer) || { count: 0 }).count }));
    return dataset;
  });
  chart.options.scales.x.min = oldest;
  chart.options.scales.x.max = newest;
  chart.update('none');
  document.getElementById('updatedBy').textContent = items[items.length - 1].host;
}

function updateTop() {
  const items = sortedItems();
  const body = document.querySelector('#top3 tbody');
  const latest = items.length ? items[items.length - 1].referrerCounts : [];
  // The counter already sorted by count, ties by referrer.
  body.replaceChildren(...latest.slice(0, 3).map((c, i) => {
    const row = document.createElement('tr');
    for (const text of [String(i + 1), c.referrer, String(c.count)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    }
    return row;
  }));
}

select.addEventListener('change', () => choose(select.value));
loadResources();
setInterval(poll, POLL_MS);
setInterval(updateTop, TOP_MS);
setInterval(loadResources, RESOURCES_MS);

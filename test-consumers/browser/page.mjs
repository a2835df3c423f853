// The browser page: runs the shared example (gather, timeout, retryWithDelay, Tasks) and
// writes every result into the DOM, where scripts/test-browser.mjs reads it back.
import * as asyncio from 'rxjs-asyncio';
import * as rxjs from 'rxjs';
import example from '../node/example.cjs';

const status = document.getElementById('status');
const results = document.getElementById('results');

function show(entry) {
  const item = document.createElement('li');
  item.dataset.section = entry.section;
  item.dataset.status = entry.status;
  const title = document.createElement('strong');
  title.textContent = `${entry.status} ${entry.section}`;
  const body = document.createElement('pre');
  if (entry.status === 'skip') {
    item.dataset.missing = entry.missing.join(',');
    body.textContent = `skipped: the package does not export ${entry.missing.join(', ')} yet`;
  } else {
    body.textContent = entry.lines.join('\n');
  }
  item.append(title, body);
  results.append(item);
}

document.getElementById('exports').textContent = Object.keys(asyncio).sort().join('\n');
example.runExamples(asyncio, rxjs).then(
  (report) => {
    report.forEach(show);
    status.textContent = 'done';
    document.body.dataset.done = 'ok';
  },
  (error) => {
    status.textContent = `failed: ${error instanceof Error ? error.stack : error}`;
    document.body.dataset.done = 'error';
  },
);

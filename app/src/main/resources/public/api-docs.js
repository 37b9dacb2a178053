// Renders /openapi.json as a readable page, without libraries. Every text of the document goes
// in through textContent / createElement, never innerHTML.
'use strict';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// Guards the schema walk against a document whose $refs point back at themselves.
const MAX_DEPTH = 6;

let spec = null; // the OpenAPI document, for resolving $refs

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Follows local references such as "#/components/schemas/Error".
function deref(node) {
  let current = node;
  for (let hops = 0; current && current.$ref && hops < MAX_DEPTH; hops++) {
    const parts = current.$ref.replace(/^#\//, '').split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = parts.reduce((at, part) => (at ? at[part] : undefined), spec);
  }
  return current || {};
}

function refName(node) {
  return node && node.$ref ? node.$ref.split('/').pop() : '';
}

// Descriptions are plain text where `backticks` mark code, blank lines separate paragraphs and
// lines starting with "- " form a list.
function appendText(parent, text) {
  text.split('`').forEach((part, index) => {
    parent.append(index % 2 === 1 ? el('code', null, part) : part);
  });
}

function appendDescription(parent, text) {
  if (!text) return;
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').map((line) => line.trim()).filter((line) => line);
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length === 0) return;
      const p = el('p');
      appendText(p, paragraph.join(' '));
      parent.append(p);
      paragraph = [];
    };
    for (const line of lines) {
      if (line.startsWith('- ')) {
        flush();
        if (!list) {
          list = el('ul');
          parent.append(list);
        }
        const item = el('li');
        appendText(item, line.slice(2));
        list.append(item);
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
  }
}

function anchorFor(method, path) {
  return `op-${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

function jsonBlock(value) {
  const pre = el('pre');
  pre.append(el('code', null, typeof value === 'string' ? value : JSON.stringify(value, null, 2)));
  return pre;
}

// ---- schemas as field tables ------------------------------------------------------------------

function typeLabel(node) {
  const schema = deref(node);
  if (schema.type === 'array') return `array of ${typeLabel(schema.items || {})}`;
  if (schema.type === 'object' && schema.additionalProperties && !schema.properties) {
    return `map of ${typeLabel(schema.additionalProperties)}`;
  }
  const name = refName(node);
  if (schema.type === 'object' && name) return name;
  return schema.format ? `${schema.type} (${schema.format})` : (schema.type || name || 'any');
}

function constraints(schema) {
  const notes = [];
  if (schema.enum) notes.push(`One of: ${schema.enum.join(', ')}.`);
  if (schema.default !== undefined) notes.push(`Default: ${JSON.stringify(schema.default)}.`);
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    notes.push(`From ${schema.minimum} to ${schema.maximum}.`);
  }
  if (schema.maxItems !== undefined) notes.push(`At most ${schema.maxItems} items.`);
  if (schema.maxLength !== undefined) notes.push(`At most ${schema.maxLength} characters.`);
  return notes.join(' ');
}

// One row per field, nested fields as "a.b" and array items as "a[].b".
function collectFields(node, prefix, rows, depth) {
  const schema = deref(node);
  if (depth > MAX_DEPTH || !schema.properties) return;
  const required = schema.required || [];
  for (const [name, property] of Object.entries(schema.properties)) {
    const field = deref(property);
    const path = prefix ? `${prefix}.${name}` : name;
    const description = [field.description, constraints(field)].filter((part) => part).join(' ');
    rows.push({ path, type: typeLabel(property), required: required.includes(name), description });
    if (field.type === 'array') collectFields(field.items || {}, `${path}[]`, rows, depth + 1);
    else collectFields(field, path, rows, depth + 1);
  }
}

function fieldsTable(schema) {
  const rows = [];
  collectFields(schema, '', rows, 0);
  if (rows.length === 0) return null;
  const table = el('table', 'fields');
  const head = el('tr');
  for (const title of ['Field', 'Type', 'Description']) head.append(el('th', null, title));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    const name = el('td');
    name.append(el('code', null, row.path));
    if (row.required) name.append(' ', el('span', 'required', 'required'));
    const description = el('td');
    appendText(description, row.description);
    tr.append(name, el('td', null, row.type), description);
    body.append(tr);
  }
  table.append(body);
  const scroll = el('div', 'table-scroll');
  scroll.append(table);
  return scroll;
}

// ---- one operation ----------------------------------------------------------------------------

// Examples of one media type: the single "example", or each of "examples" with its summary.
function appendExamples(parent, media) {
  if (media.example !== undefined) parent.append(jsonBlock(media.example));
  for (const example of Object.values(media.examples || {})) {
    const resolved = deref(example);
    if (resolved.summary) parent.append(el('p', 'muted', resolved.summary));
    parent.append(jsonBlock(resolved.value));
  }
}

function appendContent(parent, content) {
  for (const [type, media] of Object.entries(content || {})) {
    const line = el('p', 'muted', 'Content type: ');
    line.append(el('code', null, type));
    parent.append(line);
    appendExamples(parent, media);
    const table = media.schema && fieldsTable(media.schema);
    if (table) {
      const details = el('details');
      details.append(el('summary', null, 'Fields'), table);
      parent.append(details);
    }
  }
}

function renderOperation(method, path, operation) {
  const section = el('section', 'card operation');
  section.id = anchorFor(method, path);

  const title = el('h2');
  title.append(el('span', `method ${method}`, method.toUpperCase()), el('code', null, path));
  section.append(title);
  if (operation.summary) section.append(el('p', 'summary', operation.summary));
  appendDescription(section, operation.description);

  const parameters = (operation.parameters || []).map(deref);
  if (parameters.length > 0) {
    section.append(el('h3', null, 'Parameters'));
    const list = el('ul');
    for (const parameter of parameters) {
      const item = el('li');
      item.append(el('code', null, parameter.name), ` (${parameter.in}${parameter.required ? ', required' : ''}) `);
      appendText(item, parameter.description || '');
      list.append(item);
    }
    section.append(list);
  }

  if (operation.requestBody) {
    const body = deref(operation.requestBody);
    section.append(el('h3', null, 'Request body'));
    appendDescription(section, body.description);
    appendContent(section, body.content);
  }

  section.append(el('h3', null, 'Responses'));
  for (const [code, reference] of Object.entries(operation.responses || {})) {
    const response = deref(reference);
    const heading = el('h4');
    heading.append(el('span', `status ${code.startsWith('2') ? 'ok' : 'fail'}`, code));
    section.append(heading);
    const description = el('div');
    appendDescription(description, response.description);
    section.append(description);
    appendContent(section, response.content);
  }
  return section;
}

// ---- the whole document -----------------------------------------------------------------------

function render(openApi) {
  spec = openApi;
  const root = document.getElementById('api-docs');
  root.replaceChildren();

  const intro = el('section', 'card docs-intro');
  const info = spec.info || {};
  intro.append(el('h2', null, `${info.title || 'API'} ${info.version ? `(version ${info.version})` : ''}`.trim()));
  appendDescription(intro, info.description);
  root.append(intro);

  const operations = [];
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const method of METHODS) {
      if (item[method]) operations.push([method, path, item[method]]);
    }
  }

  const contents = el('section', 'card');
  contents.append(el('h2', null, 'Endpoints'));
  const toc = el('ul', 'toc');
  for (const [method, path, operation] of operations) {
    const link = el('a');
    link.href = `#${anchorFor(method, path)}`;
    link.append(el('span', `method ${method}`, method.toUpperCase()), ' ', el('code', null, path));
    const item = el('li');
    item.append(link, operation.summary ? ` ${operation.summary}` : '');
    toc.append(item);
  }
  contents.append(toc);
  root.append(contents);

  for (const [method, path, operation] of operations) root.append(renderOperation(method, path, operation));

  // The anchors exist only now, so a link such as /api-docs.html#op-get-readyz scrolls here.
  if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }
}

async function load() {
  const status = document.getElementById('docs-status');
  try {
    const response = await fetch('/openapi.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`The server answered ${response.status} for /openapi.json.`);
    render(await response.json());
    status.hidden = true;
  } catch (error) {
    status.hidden = true;
    const box = document.getElementById('error');
    box.textContent = `Could not load the API description: ${error.message}`;
    box.hidden = false;
  }
}

document.addEventListener('DOMContentLoaded', load);

// Building the page from elements and text nodes, never by parsing HTML: every string from the server (goals,
// model output, diffs, check output, the four files) is untrusted and only ever becomes a text node.

/** `el('p', {class: 'x', onclick: fn}, 'text', child)`: attributes, `on*` listeners, children (strings are text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces `node`'s children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function tokens(usage) {
  return usage ? (usage.tokensIn ?? 0) + (usage.tokensOut ?? 0) : 0;
}

export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const s = ms / 1000;
  if (s < 90) {
    return `${s.toFixed(1)} s`;
  }
  const m = Math.floor(s / 60);
  return m < 90 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function age(instant) {
  return instant ? duration(Math.max(0, Date.now() - Date.parse(instant))) : '';
}

export function time(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : '';
}

export function statusBadge(status) {
  return el('span', { class: `status status-${String(status).toLowerCase()}` }, status);
}

/**
 * A small Markdown renderer for the four files: headings, bullet and numbered lists, fenced code, paragraphs,
 * `inline code`. Everything else shows as the text it is; nothing becomes markup.
 */
export function markdown(text) {
  const out = el('div', { class: 'markdown' });
  const lines = text.split('\n');
  let list = null;
  let paragraph = [];
  const flush = () => {
    if (paragraph.length > 0) {
      out.append(el('p', {}, inline(paragraph.join(' '))));
      paragraph = [];
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      flush();
      list = null;
      const code = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) {
        code.push(lines[i]);
      }
      out.append(el('pre', {}, el('code', {}, code.join('\n'))));
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    const item = line.match(/^\s*([-*+]|\d+[.)])\s+(.*)$/);
    if (heading) {
      flush();
      list = null;
      out.append(el(`h${Math.min(6, heading[1].length + 2)}`, {}, inline(heading[2])));
    } else if (item) {
      flush();
      const ordered = /\d/.test(item[1]);
      if (!list || (list.tagName === 'OL') !== ordered) {
        list = el(ordered ? 'ol' : 'ul');
        out.append(list);
      }
      list.append(el('li', {}, inline(item[2])));
    } else if (line.trim() === '') {
      flush();
      list = null;
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return out;
}

function inline(text) {
  return text.split(/(`[^`]+`)/).map(part => part.length > 2 && part.startsWith('`') && part.endsWith('`')
    ? el('code', {}, part.slice(1, -1)) : part);
}

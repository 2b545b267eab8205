// Simple syntax highlighting for diff lines: keywords, strings, comments and numbers of a few languages, chosen by
// the file's extension. One line at a time (a diff shows fragments, so a block comment or string that spans lines
// is coloured on its first line only). Every piece stays a text node: nothing from the diff becomes markup.

import { el } from './dom.js';

const C_LIKE = { line: '//', strings: '"\'`' };
const LANGUAGES = {
  python: { exts: ['py'], line: '#', strings: '"\'', keywords: 'and as assert async await break class continue def '
    + 'del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise '
    + 'return True try while with yield self' },
  javascript: { exts: ['js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx'], ...C_LIKE, keywords: 'async await break case catch '
    + 'class const continue default delete do else export extends false finally for from function if import in '
    + 'instanceof let new null of return static super switch this throw true try typeof undefined var void while '
    + 'yield interface type enum implements private public readonly' },
  java: { exts: ['java', 'kt', 'scala', 'groovy'], ...C_LIKE, keywords: 'abstract boolean break byte case catch '
    + 'char class continue default do double else enum extends false final finally float for if implements import '
    + 'instanceof int interface long new null package private protected public record return sealed short static '
    + 'super switch this throw throws true try var void while yield fun val' },
  go: { exts: ['go'], ...C_LIKE, keywords: 'break case chan const continue default defer else fallthrough for func '
    + 'go goto if import interface map nil package range return select struct switch type var true false' },
  rust: { exts: ['rs'], ...C_LIKE, keywords: 'as async await break const continue crate else enum extern false fn '
    + 'for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type '
    + 'unsafe use where while' },
  c: { exts: ['c', 'h', 'cc', 'cpp', 'hpp', 'cs'], ...C_LIKE, keywords: 'auto break case char const continue '
    + 'default do double else enum extern float for goto if int long return short signed sizeof static struct '
    + 'switch typedef union unsigned void volatile while class namespace public private protected template '
    + 'true false nullptr new delete using' },
  shell: { exts: ['sh', 'bash', 'zsh'], line: '#', strings: '"\'', keywords: 'if then else elif fi for while do '
    + 'done case esac in function return local export set echo exit' },
};

const BY_EXT = new Map();
for (const lang of Object.values(LANGUAGES)) {
  lang.words = new Set(lang.keywords.split(' '));
  lang.exts.forEach(ext => BY_EXT.set(ext, lang));
}

/** The language of a file path, or null (then lines stay plain text). */
export function languageOf(path) {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path ?? '')?.[1]?.toLowerCase();
  return ext ? BY_EXT.get(ext) ?? null : null;
}

/** `code` (one line, without its diff marker) as text and `span.tok-*` pieces. */
export function highlight(code, lang) {
  if (!lang) {
    return [code];
  }
  const out = [];
  let plain = '';
  const flush = () => {
    if (plain) {
      out.push(plain);
      plain = '';
    }
  };
  const token = (kind, textPart) => {
    flush();
    out.push(el('span', { class: `tok-${kind}` }, textPart));
  };
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (code.startsWith(lang.line, i) || code.startsWith('/*', i) && lang.line === '//') {
      token('com', code.slice(i));
      break;
    }
    if (lang.strings.includes(ch)) {
      let j = i + 1;
      while (j < code.length && code[j] !== ch) {
        j += code[j] === '\\' ? 2 : 1;
      }
      token('str', code.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(code.slice(i, i + 64))?.[0];
    if (word) {
      if (lang.words.has(word)) {
        token('kw', word);
      } else {
        plain += word;
      }
      i += word.length;
      continue;
    }
    const number = /^\d[\d_.xXa-fA-F]*/.exec(code.slice(i, i + 32))?.[0];
    if (number && !/[A-Za-z0-9_]/.test(code[i - 1] ?? '')) {
      token('num', number);
      i += number.length;
      continue;
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

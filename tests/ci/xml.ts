/**
 * A small, strict XML parser for checking the JUnit output in tests: one
 * root element, properly nested and closed tags, quoted attributes, only the
 * five predefined entities and character references, no stray '<' or '&'.
 * Throws on anything malformed.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;

function decode(s: string, where: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<') throw new Error(`'<' in text at ${where + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const end = s.indexOf(';', i);
    if (end < 0) throw new Error(`unterminated entity at ${where + i}`);
    const ent = s.slice(i + 1, end);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ent in named) out += named[ent];
    else if (/^#\d+$/.test(ent)) out += String.fromCodePoint(Number(ent.slice(1)));
    else if (/^#x[0-9A-Fa-f]+$/.test(ent)) out += String.fromCodePoint(parseInt(ent.slice(2), 16));
    else throw new Error(`unknown entity &${ent}; at ${where + i}`);
    i = end;
  }
  return out;
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  skipWs();
  while (i < src.length) {
    if (src[i] === '<') {
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
        continue;
      }
      if (src[i + 1] === '/') {
        i += 2;
        const m = NAME.exec(src.slice(i));
        if (!m) throw new Error(`bad closing tag at ${i}`);
        i += m[0].length;
        skipWs();
        if (src[i] !== '>') throw new Error(`expected '>' at ${i}`);
        i++;
        const open = stack.pop();
        if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> does not close <${open?.name}>`);
        if (stack.length === 0) {
          skipWs();
          if (i !== src.length) throw new Error(`content after the root element at ${i}`);
        }
        continue;
      }
      i++;
      const m = NAME.exec(src.slice(i));
      if (!m) throw new Error(`bad tag name at ${i}`);
      i += m[0].length;
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipWs();
        if (src[i] === '/' && src[i + 1] === '>') {
          i += 2;
          break;
        }
        if (src[i] === '>') {
          i++;
          stack.push(el);
          break;
        }
        if (i === before) throw new Error(`expected whitespace before an attribute at ${i}`);
        const a = NAME.exec(src.slice(i));
        if (!a) throw new Error(`bad attribute at ${i}`);
        i += a[0].length;
        if (src[i] !== '=') throw new Error(`expected '=' at ${i}`);
        i++;
        const q = src[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`);
        const end = src.indexOf(q, i + 1);
        if (end < 0) throw new Error('unterminated attribute');
        if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]}`);
        el.attrs[a[0]] = decode(src.slice(i + 1, end), i + 1);
        i = end + 1;
      }
      const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
      if (parent) parent.children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (stack.length === 0) {
        skipWs();
        if (i !== src.length) throw new Error(`content after the root element at ${i}`);
      }
      continue;
    }
    const next = src.indexOf('<', i);
    const end = next < 0 ? src.length : next;
    const text = src.slice(i, end);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
    } else stack[stack.length - 1].text += decode(text, i);
    i = end;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

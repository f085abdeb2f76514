/**
 * Finds where a JSON text first goes wrong, for error messages with a line
 * and column (the engine's own JSON.parse messages do not always give a
 * position, and quote the text verbatim, line breaks included). A small
 * validator with an explicit stack, so deep nesting cannot overflow it.
 */
export interface JsonProblem {
  offset: number;
  what: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);

export function findJsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const n = text.length;
  // What each open container expects next: 'v' value, 'k' key, ',}' or ',]' after a member.
  const stack: string[] = [];
  let expect = 'v';
  const skip = () => {
    while (i < n && WS.has(text[i])) i++;
  };
  const bad = (what: string): JsonProblem => ({ offset: Math.min(i, n), what });
  const afterValue = () => {
    const top = stack[stack.length - 1];
    expect = top === undefined ? 'end' : top === '{' ? ',}' : ',]';
  };
  for (;;) {
    skip();
    if (expect === 'end') return i < n ? bad(`unexpected ${describe(text[i])} after the end of the document`) : null;
    if (i >= n) return bad('unexpected end of the file');
    const c = text[i];
    if (expect === ',}' || expect === ',]') {
      if (c === ',') {
        i++;
        expect = expect === ',}' ? 'k' : 'v';
        continue;
      }
      if (c === expect[1]) {
        i++;
        stack.pop();
        afterValue();
        continue;
      }
      return bad(`expected ',' or '${expect[1]}', found ${describe(c)}`);
    }
    if (expect === 'k' || expect === 'k?') {
      if (expect === 'k?' && c === '}') {
        i++;
        stack.pop();
        afterValue();
        continue;
      }
      if (c !== '"') return bad(`expected a quoted key, found ${describe(c)}`);
      const end = stringEnd(text, i);
      if (end < 0) return bad('unterminated string');
      i = end;
      skip();
      if (text[i] !== ':') return bad(`expected ':' after the key, found ${describe(text[i])}`);
      i++;
      expect = 'v';
      continue;
    }
    // A value.
    if (c === '{') {
      stack.push('{');
      i++;
      expect = 'k?';
      continue;
    }
    if (c === '[') {
      stack.push('[');
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        stack.pop();
        afterValue();
      } else expect = 'v';
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return bad('unterminated string');
      i = end;
      afterValue();
      continue;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return bad(`unexpected ${describe(c)}: expected a value (a number, string, object, array, true, false or null)`);
    i += m[0].length;
    afterValue();
  }
}

/** Offset just past the string starting at `start` (a quote), or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  if (c === '\n') return 'a line break';
  return `'${c}'`;
}

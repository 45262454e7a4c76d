/**
 * The number tokens of a JSON text exactly as written, keyed by JSON pointer: `JSON.parse` turns `1.0` and `1e0`
 * into `1`, so RFC 7643 §2.3.4 (integers carry no fraction or exponent) can only be judged on the raw text.
 * @module
 */

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Pointer → raw number token (e.g. `/totalResults` → `1.0`); undefined when the text is not valid JSON. */
export function rawNumbers(text: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** An object's members or an array's items, from its opening bracket to `close`: `item(n)` reads each. */
  const sequence = (close: '}' | ']', item: (n: number) => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (let n = 0; ; n++) {
      item(n);
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else throw new SyntaxError(`expected , or ${close}`);
    }
  };
  const value = (pointer: string): void => {
    ws();
    const c = text[i];
    if (c === '{')
      return sequence('}', () => {
        ws();
        const key = str();
        ws();
        if (text[i] !== ':') throw new SyntaxError('expected :');
        i++;
        value(`${pointer}/${escape(key)}`);
      });
    if (c === '[') return sequence(']', (n) => value(`${pointer}/${n}`));
    if (c === '"') {
      str();
      return;
    }
    const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!match) throw new SyntaxError(`unexpected token at ${i}`);
    if (match[0] !== 'true' && match[0] !== 'false' && match[0] !== 'null') out.set(pointer, match[0]);
    i += match[0].length;
  };
  try {
    value('');
    return out;
  } catch {
    return undefined;
  }
}

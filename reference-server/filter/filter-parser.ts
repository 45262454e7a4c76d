import type { ScimError } from '../core/scim-error.js';
import {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  type AttrPath,
  type CompareOperator,
  type CompareValue,
  type FilterNode,
} from './types.js';

const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const NAME = /^\$?[A-Za-z][\w-]*$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DELIMITERS = new Set(['(', ')', '[', ']', '"']);

/**
 * A recursive-descent parser over the RFC 7644 §3.4.2.2 Figure 1 grammar; `fail` picks the scimType
 * (invalidFilter for filters, invalidPath for PATCH paths) so both share one grammar.
 */
export class FilterParser {
  #pos = 0;
  #depth = 0;

  constructor(
    private readonly text: string,
    private readonly fail: (detail: string) => ScimError,
    private readonly what: string,
  ) {
    if (text.length > MAX_FILTER_LENGTH) {
      throw fail(`${what}: ${text.length} characters exceeds the limit of ${MAX_FILTER_LENGTH}`);
    }
    if (text.trim() === '') throw fail(`${what}: is empty; at least one expression is required`);
  }

  get position(): number {
    return this.#pos;
  }

  get done(): boolean {
    return this.#pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.#pos];
  }

  /** Parses a whole filter and insists nothing follows it. */
  parseWholeFilter(): FilterNode {
    const node = this.parseOr(false);
    this.skipSpace();
    if (!this.done) this.error(`expected "and", "or" or the end of the ${this.what}`);
    return node;
  }

  parseOr(inBrackets: boolean): FilterNode {
    let left = this.parseAnd(inBrackets);
    while (this.acceptKeyword('or')) left = { kind: 'or', left, right: this.parseAnd(inBrackets) };
    return left;
  }

  parseAnd(inBrackets: boolean): FilterNode {
    let left = this.parseUnary(inBrackets);
    while (this.acceptKeyword('and')) left = { kind: 'and', left, right: this.parseUnary(inBrackets) };
    return left;
  }

  parseUnary(inBrackets: boolean): FilterNode {
    this.skipSpace();
    if (this.peek() === '(') {
      return this.nested(() => {
        this.#pos++;
        const inner = this.parseOr(inBrackets);
        this.expect(')', 'to close the "(" group');
        return inner;
      });
    }
    const save = this.#pos;
    if (this.readWord().toLowerCase() === 'not') {
      this.skipSpace();
      if (this.peek() !== '(') this.error('expected "(" after "not"');
      return this.nested(() => {
        this.#pos++;
        const filter = this.parseOr(inBrackets);
        this.expect(')', 'to close "not ("');
        return { kind: 'not', filter };
      });
    }
    this.#pos = save;
    return this.parseAttributeExpression(inBrackets);
  }

  parseAttributeExpression(inBrackets: boolean): FilterNode {
    const path = this.parseAttrPath();
    if (this.peek() === '[') {
      if (inBrackets) this.error('a value filter cannot contain another value filter');
      if (path.subAttribute !== undefined)
        this.error('a value filter follows an attribute, not a sub-attribute');
      const filter = this.parseValueFilter();
      return { kind: 'valuePath', path, filter };
    }
    if (!this.skipSpace()) this.error('expected a space and an operator after the attribute path');
    const opStart = this.#pos;
    const word = this.readWord();
    const op = word.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPERATORS as readonly string[]).includes(op)) {
      this.#pos = opStart;
      this.error(
        word === ''
          ? 'expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)'
          : `unknown operator "${word}"; expected eq, ne, co, sw, ew, gt, ge, lt, le or pr`,
      );
    }
    this.skipSpace();
    return { kind: 'compare', path, op: op as CompareOperator, value: this.parseCompareValue() };
  }

  /** `"[" valFilter "]"`; errata 7322 lets the inner filter use and/or/not and parentheses. */
  parseValueFilter(): FilterNode {
    return this.nested(() => {
      this.#pos++;
      const inner = this.parseOr(true);
      this.expect(']', 'to close the "[" value filter');
      return inner;
    });
  }

  parseAttrPath(): AttrPath {
    this.skipSpace();
    const start = this.#pos;
    const token = this.readWord();
    if (token === '') this.error('expected an attribute path');
    let uri: string | undefined;
    let rest = token;
    if (token.toLowerCase().startsWith('urn:')) {
      const colon = token.lastIndexOf(':');
      uri = token.slice(0, colon);
      rest = token.slice(colon + 1);
    }
    const parts = rest.split('.');
    if (parts.length > 2 || !parts.every((part) => NAME.test(part))) {
      this.#pos = start;
      this.error(`"${token}" is not a valid attribute path`);
    }
    const [attribute, subAttribute] = parts as [string, string | undefined];
    return {
      ...(uri !== undefined && { uri }),
      attribute,
      ...(subAttribute !== undefined && { subAttribute }),
    };
  }

  /** Reads a `.subAttr` suffix (RFC 7644 §3.5.2 Figure 7, after a value filter). */
  parseSubAttribute(): string {
    this.#pos++;
    const start = this.#pos;
    const word = this.readWord();
    if (!NAME.test(word)) {
      this.#pos = start;
      this.error('expected a sub-attribute name after "."');
    }
    return word;
  }

  parseCompareValue(): CompareValue {
    if (this.done) this.error('expected a value (quoted string, number, true, false or null)');
    if (this.peek() === '"') return this.parseString();
    const start = this.#pos;
    const word = this.readWord();
    const lower = word.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (NUMBER.test(word)) return Number(word);
    this.#pos = start;
    return this.error(
      'expected a value (quoted string, number, true, false or null); strings need double quotes',
    );
  }

  /** A JSON string (RFC 7159 §7), as compValue requires. */
  parseString(): string {
    const start = this.#pos;
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) this.error('unterminated string');
    const raw = this.text.slice(start, i + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.error('invalid string (bad escape or control character)');
    }
    this.#pos = i + 1;
    return value as string;
  }

  /** Consumes `keyword` when it stands alone after whitespace; false leaves the position unchanged. */
  acceptKeyword(keyword: 'and' | 'or'): boolean {
    const save = this.#pos;
    if (!this.skipSpace()) return false;
    const word = this.readWord();
    if (word.toLowerCase() === keyword && (this.skipSpace() || this.peek() === '(')) return true;
    this.#pos = save;
    return false;
  }

  expect(char: string, why: string): void {
    this.skipSpace();
    if (this.peek() !== char) this.error(`expected "${char}" ${why}`);
    this.#pos++;
  }

  /** True when at least one whitespace character was skipped. */
  skipSpace(): boolean {
    const start = this.#pos;
    while (!this.done && /\s/.test(this.text[this.#pos] ?? '')) this.#pos++;
    return this.#pos > start;
  }

  readWord(): string {
    const start = this.#pos;
    while (!this.done) {
      const c = this.text[this.#pos] ?? '';
      if (/\s/.test(c) || DELIMITERS.has(c)) break;
      this.#pos++;
    }
    return this.text.slice(start, this.#pos);
  }

  nested<T>(parse: () => T): T {
    if (++this.#depth > MAX_FILTER_DEPTH) this.error(`nesting deeper than ${MAX_FILTER_DEPTH} levels`);
    try {
      return parse();
    } finally {
      this.#depth--;
    }
  }

  error(message: string): never {
    const found = this.done ? 'the end of input' : JSON.stringify(this.text.slice(this.#pos, this.#pos + 12));
    throw this.fail(`${this.what}: ${message} at position ${this.#pos + 1}, found ${found}`);
  }
}

/**
 * Expands a VS Code snippet body the way the editor does on insertion, with no user input:
 * a placeholder shows its default (`${1:node}` -> `node`), a choice its first option, a bare
 * tabstop (`$1`, `${1}`) mirrors the value of the first placeholder with the same index (or
 * nothing), a variable its default (we resolve no variable values). Escapes: `\$`, `\}`, `\\`
 * everywhere, plus `\,` and `\|` in choices. A `$` that starts no valid construct is text, as in
 * VS Code. Transforms (`${1/re/fmt/}`) are rejected: our snippets must not need them.
 */
type Node =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: readonly Node[]; readonly choices?: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: readonly Node[] };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw new Error(`snippet: unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return nodes;
  }

  /** Text and constructs until the end, or until an unescaped `}` when inside a placeholder. */
  private sequence(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      if (c === '}' && nested) break;
      if (c === '$') {
        const start = this.pos;
        const node = this.construct();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
        this.pos = start;
      }
      text += c;
      this.pos++;
    }
    flush();
    return out;
  }

  /** `$1`, `${1}`, `${1:…}`, `${1|a,b|}`, `$NAME`, `${NAME}`, `${NAME:…}`; undefined when none matches. */
  private construct(): Node | undefined {
    const s = this.src;
    this.pos++; // `$`
    const int = /^[0-9]+/.exec(s.slice(this.pos));
    if (int) {
      this.pos += int[0].length;
      return { kind: 'tabstop', index: Number(int[0]) };
    }
    const name = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(s.slice(this.pos));
    if (name) {
      this.pos += name[0].length;
      return { kind: 'variable', name: name[0] };
    }
    if (s[this.pos] !== '{') return undefined;
    this.pos++;
    const head = /^(?:[0-9]+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(s.slice(this.pos));
    if (!head) return undefined;
    this.pos += head[0].length;
    const isTabstop = /^[0-9]/.test(head[0]);
    const after = s[this.pos];
    if (after === '}') {
      this.pos++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]) } : { kind: 'variable', name: head[0] };
    }
    if (after === ':') {
      this.pos++;
      const children = this.sequence(true);
      if (s[this.pos] !== '}') return undefined;
      this.pos++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]), children } : { kind: 'variable', name: head[0], children };
    }
    if (after === '|' && isTabstop) {
      this.pos++;
      const choices = this.choices();
      return choices ? { kind: 'tabstop', index: Number(head[0]), choices } : undefined;
    }
    if (after === '/') throw new Error(`snippet: transforms are not supported (at ${this.pos})`);
    return undefined;
  }

  /** The options of `${1|a,b|}` after the first `|`, through the closing `|}`. */
  private choices(): string[] | undefined {
    const s = this.src;
    const options: string[] = [];
    let cur = '';
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '\\') {
        const next = s[this.pos + 1];
        if (next !== undefined && '$}\\,|'.includes(next)) {
          cur += next;
          this.pos += 2;
          continue;
        }
      }
      if (c === ',') {
        options.push(cur);
        cur = '';
        this.pos++;
        continue;
      }
      if (c === '|') {
        if (s[this.pos + 1] !== '}') return undefined;
        options.push(cur);
        this.pos += 2;
        return options;
      }
      cur += c;
      this.pos++;
    }
    return undefined;
  }
}

function render(nodes: readonly Node[], values: ReadonlyMap<number, readonly Node[] | string>, depth = 0): string {
  if (depth > 50) throw new Error('snippet: placeholders nest too deeply (a placeholder contains its own index?)');
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.value;
    else if (n.kind === 'variable') out += n.children ? render(n.children, values, depth + 1) : '';
    else {
      const v = values.get(n.index);
      out += v === undefined ? '' : typeof v === 'string' ? v : render(v, values, depth + 1);
    }
  }
  return out;
}

/** The first placeholder or choice of an index defines the value of every tabstop with that index. */
function collectValues(nodes: readonly Node[], values: Map<number, readonly Node[] | string>): void {
  for (const n of nodes) {
    if (n.kind === 'tabstop') {
      if (!values.has(n.index)) {
        if (n.children) values.set(n.index, n.children);
        else if (n.choices) values.set(n.index, n.choices[0] ?? '');
      }
      if (n.children) collectValues(n.children, values);
    } else if (n.kind === 'variable' && n.children) {
      collectValues(n.children, values);
    }
  }
}

export function expandSnippet(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const nodes = new Parser(text).parse();
  const values = new Map<number, readonly Node[] | string>();
  collectValues(nodes, values);
  return render(nodes, values);
}

import * as assert from 'assert';
import { DockerfileParser } from 'dockerfile-ast';
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';
import type { TreeCursor } from 'web-tree-sitter';
import type { ShellCursor } from '../../server/src/service/dockerfile/shell/parser';
import { shellNodeTypes, withShellTree } from '../../server/src/service/dockerfile/shell/parser';
import { doc, filesUnder, ROOT, SHARED } from '../util/text';

/**
 * Our shell parser (server/wasm/bash-flat.wasm: tree-sitter 0.25.1's runtime and tree-sitter-bash, walked in C)
 * against the published build (web-tree-sitter + tree-sitter-bash.wasm), node by node: type, error flag,
 * offsets and shape, over every RUN of the corpus and the fixtures, random edits of them, and odd text.
 */

type Moves = Pick<TreeCursor, 'gotoFirstChild' | 'gotoNextSibling' | 'gotoParent' | 'nodeTypeId' | 'startIndex' | 'endIndex'>;

/** The nodes a cursor visits in pre-order: `type!err[start,end]/children`, one string per node. */
function listNodes(c: Moves, hasError: () => boolean, names: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  const visit = (): void => {
    const at = out.length;
    out.push('');
    let children = 0;
    if (c.gotoFirstChild()) {
      do {
        children++;
        visit();
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    out[at] = `${names[c.nodeTypeId] ?? 'ERROR'}${hasError() ? '!' : ''}[${c.startIndex},${c.endIndex}]/${children}`;
  };
  visit();
  return out;
}

function ours(text: string): string[] {
  const names = shellNodeTypes()!.names;
  const nodes = withShellTree(text, (c: ShellCursor) => listNodes(c, () => c.hasError, names));
  assert.ok(nodes, `our parser gave no tree for ${JSON.stringify(text.slice(0, 80))}`);
  return nodes;
}

/** RUN arguments as written (continuations and heredoc bodies kept) from the corpus and the rule fixtures. */
function runTexts(): string[] {
  const dockerfile = (name: string): boolean => !/\.(md|json|ya?ml)$/.test(name);
  const files = [...filesUnder(path.join(SHARED, 'corpus', 'dockerfile'), dockerfile), ...filesUnder(path.join(ROOT, 'test', 'fixtures', 'rules', 'dockerfile'), dockerfile)];
  const texts = new Set<string>();
  for (const f of files) {
    const document = doc(fs.readFileSync(f, 'utf8'));
    for (const instr of DockerfileParser.parse(document.getText()).getInstructions()) {
      const args = instr.getArguments();
      if (instr.getKeyword() !== 'RUN' || !args.length) continue;
      texts.add(document.getText({ start: args[0]!.getRange().start, end: instr.getRange().end }));
    }
  }
  return [...texts];
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('shell parser build (bash-flat.wasm) against web-tree-sitter', function () {
  let reference: Parser;
  let names: readonly (string | undefined)[];

  before(async function () {
    await Parser.init({ wasmBinary: fs.readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')) } as object);
    const bash = await Language.load(fs.readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
    reference = new Parser();
    reference.setLanguage(bash);
    names = bash.types;
  });

  function theirs(text: string): { nodes: string[]; hasError: boolean } {
    const tree = reference.parse(text)!;
    try {
      const c = tree.rootNode.walk();
      try {
        return { nodes: listNodes(c, () => c.currentNode.hasError, names), hasError: tree.rootNode.hasError };
      } finally {
        c.delete();
      }
    } finally {
      tree.delete();
    }
  }

  /** Same tree; where the text has a syntax error the runtimes (0.25.1, 0.27.1) may recover differently, but both flag it over the whole text. */
  function compare(texts: readonly string[]): { same: number; recoveredDifferently: number } {
    let same = 0;
    let recoveredDifferently = 0;
    for (const text of texts) {
      const a = ours(text);
      const b = theirs(text);
      if (a.join(' ') === b.nodes.join(' ')) {
        same++;
        continue;
      }
      assert.ok(b.hasError, `different trees for valid shell ${JSON.stringify(text)}:\n ours   ${a.join(' ')}\n theirs ${b.nodes.join(' ')}`);
      const root = (nodes: string[]): string => nodes[0]!.replace(/\/\d+$/, '');
      assert.strictEqual(root(a), root(b.nodes), `root differs for ${JSON.stringify(text)}`);
      recoveredDifferently++;
    }
    return { same, recoveredDifferently };
  }

  it('lists the same tree for every RUN of the corpus and the fixtures', function () {
    const texts = runTexts();
    assert.ok(texts.length > 300, `only ${texts.length} RUN texts (is ../shared/corpus there?)`);
    const { same, recoveredDifferently } = compare(texts);
    assert.strictEqual(recoveredDifferently, 0, 'real RUNs must parse exactly alike');
    assert.strictEqual(same, texts.length);
  });

  it('lists the same tree for 5,000 random edits of them, except error recovery on broken text', function () {
    const texts = runTexts();
    const next = random(7);
    const pick = (): string => texts[Math.floor(next() * texts.length)]!;
    const edits: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const a = pick();
      const b = pick();
      const at = Math.floor(next() * a.length);
      const cut = Math.floor(next() * 40);
      const from = Math.floor(next() * b.length);
      edits.push(a.slice(0, at) + b.slice(from, from + Math.floor(next() * 30)) + a.slice(at + cut));
    }
    const { same, recoveredDifferently } = compare(edits);
    // Measured: 7 of 5,000 recover differently. Far more means the runtimes drifted apart.
    assert.ok(recoveredDifferently <= 25, `${recoveredDifferently} broken texts recovered differently (${same} same)`);
  });

  it('agrees on odd text: empty, NUL, lone surrogates, astral characters, CRLF, deep nesting', function () {
    const odd = ['', ' ', '\0', 'echo \0 x', 'echo \ud800 x', 'echo "\udc00"', 'echo 😀 "𝄞" $(printf é)', 'a && \\\r\n b', '$('.repeat(200) + ')'.repeat(200), '('.repeat(500)];
    assert.deepStrictEqual(compare(odd), { same: odd.length, recoveredDifferently: 0 });
  });

  it('parses a 2 MB RUN and stays usable after it', function () {
    const big = 'apt-get install -y ' + 'pkg '.repeat(500_000);
    const count = withShellTree(big, (c) => {
      let n = 0;
      if (c.gotoFirstChild() && c.gotoFirstChild()) do n++; while (c.gotoNextSibling());
      return n;
    });
    assert.strictEqual(count, 500_003); // name, install, -y, 500,000 packages
    assert.deepStrictEqual(ours('echo hi'), theirs('echo hi').nodes);
  });
});

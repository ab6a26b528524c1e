import * as assert from 'assert';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { variablesOf } from '../../server/src/service/dockerfile/variables';

const FILE = [
  'ARG BASE=alpine:3.20',      // 0 global
  'ARG VERSION=1.2',           // 1 global
  'FROM $BASE AS build',       // 2
  'ARG VERSION',               // 3 re-declared: takes the global default
  'ENV APP_HOME=/app MODE=dev',// 4
  'RUN echo $VERSION $APP_HOME',// 5
  'FROM build AS test',        // 6 inherits ARG and ENV from build
  'RUN echo $MODE $VERSION',   // 7
  'FROM alpine:3.20',          // 8
  'ARG TARGETARCH',            // 9
  'RUN echo $BASE $TARGETARCH $HTTP_PROXY', // 10
].join('\n');

describe('variable scoping', () => {
  const model = parseDockerfile(FILE);
  const t = variablesOf(model);
  const at = (line: number) => model.instructionAtLine(line)!;

  it('FROM sees global ARGs', () => {
    assert.strictEqual(t.resolve(at(2), 'BASE').decl?.value, 'alpine:3.20');
    assert.strictEqual(t.resolve(at(2), 'BASE').decl?.global, true);
  });
  it('a re-declared global ARG takes the global default inside the stage', () => {
    const r = t.resolve(at(5), 'VERSION');
    assert.strictEqual(r.decl?.kind, 'ARG');
    assert.strictEqual(r.decl?.value, '1.2');
    assert.strictEqual(r.decl?.fromGlobal?.instr?.range.start.line, 1);
  });
  it('ENV with several pairs declares each', () => {
    assert.strictEqual(t.resolve(at(5), 'APP_HOME').decl?.value, '/app');
    assert.strictEqual(t.resolve(at(5), 'MODE').decl?.value, 'dev');
  });
  it('a declaration is not visible to its own instruction', () => {
    assert.strictEqual(t.resolve(at(4), 'APP_HOME').decl, undefined);
  });
  it('a child stage inherits its parent stage\'s ARG and ENV (BuildKit)', () => {
    const env = t.resolve(at(7), 'MODE');
    assert.strictEqual(env.decl?.value, 'dev');
    assert.strictEqual(env.inheritedFrom?.name, 'build');
    const arg = t.resolve(at(7), 'VERSION');
    assert.strictEqual(arg.decl?.kind, 'ARG');
    assert.strictEqual(arg.decl?.value, '1.2');
    assert.strictEqual(arg.inheritedFrom?.name, 'build');
  });
  it('a global ARG is hidden in a stage that does not re-declare it', () => {
    const r = t.resolve(at(10), 'BASE');
    assert.strictEqual(r.decl, undefined);
    assert.strictEqual(r.hiddenGlobal?.value, 'alpine:3.20');
  });
  it('platform ARGs need a declaration in the stage; proxies are predefined', () => {
    assert.match(t.resolve(at(10), 'TARGETARCH').decl?.builtinNote ?? '', /builder/);
    assert.strictEqual(t.resolve(at(10), 'HTTP_PROXY').decl?.kind, 'builtin');
    assert.strictEqual(t.resolve(at(5), 'TARGETARCH').decl, undefined);
    assert.strictEqual(t.resolve(at(2), 'TARGETARCH').decl?.kind, 'builtin');
  });
  it('lists visible names', () => {
    const names = t.visibleNames(at(7));
    assert.ok(names.includes('MODE') && names.includes('APP_HOME') && names.includes('VERSION'));
    assert.ok(!names.includes('BASE'));
  });
});

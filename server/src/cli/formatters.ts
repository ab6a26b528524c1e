import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Level } from '../service/types';
import type { OutputFormat } from './args';
import type { CliFinding, CliRuleMeta, FileReport, Severity } from './findings';

export interface FormatInput {
  readonly reports: readonly FileReport[];
  /** Every rule the tool knows, in a stable order (SARIF lists them all so `ruleIndex` is meaningful). */
  readonly rules: readonly CliRuleMeta[];
  /** Files that could not be linted, as `file: reason`. */
  readonly errors: readonly string[];
  readonly cwd: string;
  readonly version: string;
}

export function format(kind: OutputFormat, input: FormatInput): string {
  switch (kind) {
    case 'text': return formatText(input);
    case 'json': return formatJson(input);
    case 'sarif': return formatSarif(input);
  }
}

/** `file:line:col severity rule message`, one per line, as compilers print them. */
export function formatText(input: FormatInput): string {
  let out = '';
  for (const r of input.reports) {
    for (const f of r.findings) out += `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`;
  }
  return out;
}

export function formatJson(input: FormatInput): string {
  const all: CliFinding[] = input.reports.flatMap((r) => r.findings.map((f) => ({
    file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
    severity: f.severity, rule: f.rule, aliases: [...f.aliases], message: f.message,
  })));
  return JSON.stringify(all, null, 2) + '\n';
}

const SRCROOT = '%SRCROOT%';
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(level: Severity): SarifLevel {
  return level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'note';
}

function defaultConfiguration(level: Level): Record<string, unknown> {
  return level === 'off' ? { enabled: false } : { level: sarifLevel(level) };
}

/** A relative URI under %SRCROOT% for files below the working folder, an absolute file URI otherwise. */
function artifactLocation(report: FileReport, cwd: string): { uri: string; uriBaseId?: string } {
  if (report.fsPath) {
    const rel = path.relative(cwd, report.fsPath);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: encodeSegments(rel.split(path.sep)), uriBaseId: SRCROOT };
    return { uri: pathToFileURL(report.fsPath).href };
  }
  return { uri: encodeSegments(report.file.split(/[\\/]/).filter((s) => s && s !== '.')) || 'stdin', uriBaseId: SRCROOT };
}

function encodeSegments(segments: readonly string[]): string {
  return segments.map((s) => encodeURIComponent(s)).join('/');
}

/** SARIF 2.1.0 with rule metadata, as GitHub code scanning and other SARIF viewers read it. */
export function formatSarif(input: FormatInput): string {
  const rules = [...input.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: unknown[] = [];
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  for (const report of input.reports) {
    const location = { ...artifactLocation(report, input.cwd), index: artifacts.length };
    artifacts.push({ location: artifactLocation(report, input.cwd) });
    for (const f of report.findings) {
      const ruleIndex = index.get(f.rule);
      results.push({
        ruleId: f.rule,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: location,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'docker-tutor',
          version: input.version,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.slice(r.id.indexOf('/') + 1),
            shortDescription: { text: r.title },
            ...(r.docsUrl ? { helpUri: r.docsUrl } : {}),
            defaultConfiguration: defaultConfiguration(r.defaultLevel),
            properties: { ...(r.family ? { family: r.family, tags: [r.family] } : {}), aliases: [...r.aliases] },
          })),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(input.cwd.endsWith(path.sep) ? input.cwd : input.cwd + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      // Every file checked, findings or not, so a viewer can tell "clean" from "not looked at".
      artifacts,
      invocations: [{
        executionSuccessful: input.errors.length === 0,
        ...(input.errors.length ? {
          toolExecutionNotifications: input.errors.map((e) => ({ level: 'error', message: { text: e } })),
        } : {}),
      }],
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, Level, RuleMeta } from './types';

export const SOURCE = 'Docker Tutor';

export function levelToSeverity(level: Exclude<Level, 'off'>): DiagnosticSeverity {
  switch (level) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'info': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
  }
}

export function severityToLevel(severity: DiagnosticSeverity | undefined): Exclude<Level, 'off'> {
  switch (severity) {
    case DiagnosticSeverity.Error: return 'error';
    case DiagnosticSeverity.Warning: return 'warning';
    case DiagnosticSeverity.Information: return 'info';
    default: return 'hint';
  }
}

/** The LSP diagnostic for a finding of `rule` shown at `level`: the same shape for every language. */
export function toDiagnostic(rule: RuleMeta, finding: Finding, level: Exclude<Level, 'off'>): Diagnostic {
  const tags = finding.tags ?? rule.tags;
  const d: Diagnostic = {
    range: finding.range,
    severity: levelToSeverity(level),
    code: rule.id,
    codeDescription: { href: rule.explain.docsUrl },
    source: SOURCE,
    message: finding.message,
    data: { rule: rule.id, aliases: rule.aliases },
  };
  if (tags && tags.length) d.tags = [...tags];
  return d;
}

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Level } from './types';

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

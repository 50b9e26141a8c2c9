/** Placeholder replaced below. */
export interface FormatResult {
  text: string | null;
  diagnostics: import('./diagnostics.ts').Diagnostic[];
}
export function formatSource(text: string, _file: string): FormatResult {
  return { text, diagnostics: [] };
}

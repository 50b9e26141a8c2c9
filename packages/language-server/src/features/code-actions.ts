/** Quick fixes: each diagnostic that carries a did-you-mean replacement becomes an edit of its range. */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { fixOf } from '../diagnostics.ts';

export function codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const fix = fixOf(d);
    if (fix?.replacement === undefined) continue;
    actions.push({
      title: `Replace with \`${fix.replacement}\` (${fix.message})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: d.range, newText: fix.replacement }] } },
    });
  }
  return actions;
}

import * as vscode from 'vscode';

/** Resolves with the uri's diagnostics from `source` once `accept` takes them; waits on change events. */
export function diagnosticsFor(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'opslint');
  return new Promise((resolve) => {
    if (accept(current())) return resolve(current());
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !accept(current())) return;
      listener.dispose();
      resolve(current());
    });
  });
}

/** The first diagnostics change that gives some file other than `except` Opslint findings. */
export function findingsInOtherFiles(except: vscode.Uri): Promise<vscode.Uri[]> {
  const others = () => vscode.languages.getDiagnostics().filter(([uri, ds]) => uri.toString() !== except.toString() && ds.some((d) => d.source === 'opslint')).map(([uri]) => uri);
  return new Promise((resolve) => {
    if (others().length > 0) return resolve(others());
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (others().length === 0) return;
      listener.dispose();
      resolve(others());
    });
  });
}

/**
 * Quick fixes at a range, as Ctrl+. lists them. Just after a .ts file opens, the built-in TypeScript
 * provider cancels while tsserver loads, and the command rejects with "Canceled": ask again.
 */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range, tries = 10): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (attempt >= tries || !/Canceled/.test(String(error))) throw error;
    }
  }
}

import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, or undefined for other schemes (untitled, git, vscode-notebook). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * A URI for a file the client has not opened. Clients encode URIs in their own ways, so documents
 * are keyed by path, and an open document is always published under the URI its client sent.
 */
export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

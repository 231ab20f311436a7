/**
 * The workspace folders, so that `safeSql.documentConnections` globs are matched against paths
 * relative to the folder a document lives in, as VS Code's own glob settings are.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export class WorkspaceFolders {
  private folders: string[] = [];

  /** Replaces the folders (from `initialize`: workspaceFolders, else rootUri). */
  set(uris: readonly string[]): void {
    this.folders = uris.map(toPath).filter((p): p is string => p !== undefined);
  }

  change(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map(toPath));
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added.map(toPath).filter((p): p is string => p !== undefined)];
  }

  /**
   * The path globs are matched against: relative to the deepest workspace folder holding the
   * document, with `/` separators; the absolute path for a document outside every folder;
   * undefined for documents without a path.
   */
  globPath(uri: string): string | undefined {
    const path = toPath(uri);
    if (path === undefined) return undefined;
    let best: string | undefined;
    for (const folder of this.folders) {
      if ((path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) && (!best || folder.length > best.length)) best = folder;
    }
    const chosen = best === undefined ? path : relative(best, path);
    return chosen.split(sep).join('/');
  }
}

function toPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    return url.pathname ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}

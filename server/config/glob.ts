/**
 * Glob matching for `safeSql.documentConnections` keys: `**` (any folders), `*` (within a name),
 * `?`, and `{a,b}`. Paths use `/`. Small on purpose: it must behave the same in the server and the CLI.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}

/** True when the glob matches the path, or any suffix of it that starts at a folder boundary. */
export function matchesGlob(glob: string, path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const re = globToRegExp(glob.replace(/\\/g, '/'));
  if (re.test(normalized)) return true;
  // A relative glob such as `prod/*.sql` is meant relative to the workspace folder.
  for (let i = normalized.indexOf('/'); i >= 0; i = normalized.indexOf('/', i + 1)) {
    if (re.test(normalized.slice(i + 1))) return true;
  }
  return false;
}

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

/**
 * True when the glob matches the whole path. Callers pass paths relative to the workspace folder
 * (the editor) or to the config file's folder (the CLI). There is deliberately no matching of a
 * path's tail: `dev/**` bound to a development connection must not match `/home/dev/repo/prod/x.sql`.
 */
export function matchesGlob(glob: string, path: string): boolean {
  return globToRegExp(glob.replace(/\\/g, '/')).test(path.replace(/\\/g, '/'));
}

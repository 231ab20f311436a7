/**
 * The environment a file runs or is checked under, when a command line gives one too: the
 * strictest of the flag and the file's own bindings (globs, the `-- safe-sql: connection=`
 * directive) wins, exactly as in the editor. An unknown connection counts as production.
 */
import { Environment } from '../analysis/types';
import { resolveBinding, SafeSqlSettings, stricter } from './settings';

export function environmentWithFlag(settings: SafeSqlSettings, path: string | undefined, directive: string | undefined, flag: Environment | undefined): { environment: Environment; sources: string[] } {
  const binding = resolveBinding(settings, path, directive);
  const unbound = binding.sources.length === 1 && binding.sources[0] === 'default';
  if (flag === undefined) return { environment: binding.environment, sources: binding.sources };
  if (unbound) return { environment: flag, sources: ['--env'] };
  return { environment: stricter(binding.environment, flag), sources: ['--env', ...binding.sources] };
}

/**
 * The environment a run is held to: what the caller resolved, but never less strict than the
 * profile it connects with. The caller's resolution (globs, directive, selection, --env) already
 * takes the strictest; this is the engine's own second look, so no caller can run a production
 * profile under development rules.
 */
import { Environment } from '../analysis/types';
import { stricter } from '../config/settings';
import { RunRequest } from './types';

export function runEnvironment(req: RunRequest): Environment {
  return req.connection.kind === 'profile' ? stricter(req.environment, req.connection.profile.environment) : req.environment;
}

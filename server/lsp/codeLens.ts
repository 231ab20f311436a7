/**
 * Code lenses: a banner above a production-bound document, "▶ Run guarded" above each statement,
 * and for an UPDATE or DELETE on a reachable connection the planner's row estimate.
 */
import { CodeLens } from 'vscode-languageserver/node';
import { DocumentPositionArgs, SERVER_COMMANDS } from '../../shared/commands';
import { connectionLabel, formatCount } from '../../shared/labels';
import { Binding } from '../config/settings';
import { Estimate } from '../engine/estimateCache';
import { StatementInfo } from '../analysis/analyze';
import { ConnectionProfile } from '../config/settings';
import { AnalysedDocument } from './documentState';
import { LineIndex } from '../analysis/lines';


/** Looks up (and, when unknown, asks for) an estimate; see engine/estimate.ts. */
export type EstimateLookup = (profile: ConnectionProfile, statement: StatementInfo) => Estimate | undefined;

/** `PRODUCTION · prod-main · shop@db.example.com`, or undefined outside production. */
export function bannerTitle(binding: Binding): string | undefined {
  if (binding.environment !== 'production') return undefined;
  const c = binding.connection;
  if (!c) {
    const unknown = binding.sources.find((s) => s.includes('unknown connection'));
    return unknown ? `PRODUCTION · ${/unknown connection "[^"]*"/.exec(unknown)?.[0] ?? 'unknown connection'}` : 'PRODUCTION · default environment';
  }
  return ['PRODUCTION', c.name, connectionLabel(c), c.readOnly ? 'read-only' : undefined].filter(Boolean).join(' · ');
}

export function estimateTitle(rows: number): string {
  return `≈ ${formatCount(rows)} row${rows === 1 ? '' : 's'} (estimate)`;
}

export function codeLenses(doc: AnalysedDocument | undefined, estimate: EstimateLookup): CodeLens[] {
  if (!doc) return [];
  const lenses: CodeLens[] = [];
  const lines = new LineIndex(doc.text);
  const at = (offset: number) => lines.position(offset);
  const banner = bannerTitle(doc.binding);
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (banner) lenses.push({ range: top, command: { title: banner, command: SERVER_COMMANDS.selectConnection, arguments: [doc.uri] } });
  const profile = doc.binding.connection;
  for (const statement of doc.analysis.statements) {
    const start = at(statement.span.start);
    const range = { start, end: start };
    const args: DocumentPositionArgs = [doc.uri, start];
    lenses.push({ range, command: { title: '▶ Run guarded', command: SERVER_COMMANDS.runGuarded, arguments: args } });
    if (!profile) continue;
    const rows = estimate(profile, statement);
    // A command id of '' draws plain text: the estimate is information, not an action.
    if (typeof rows === 'number') lenses.push({ range, command: { title: estimateTitle(rows), command: '' } });
  }
  return lenses;
}

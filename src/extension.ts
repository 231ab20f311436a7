/** The VS Code extension's entry points: activation builds the one client context (ctx.ts). */
import * as vscode from 'vscode';
import { CLIENT_NAME } from './client';
import { Ctx } from './ctx';

/** The only module state: deactivate must reach the context activate built. */
let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  ctx = new Ctx(context, output);
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}

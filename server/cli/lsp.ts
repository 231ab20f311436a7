/** `safe-sql lsp`. */
export async function lspCommand(_args: string[]): Promise<number> {
  process.stderr.write('safe-sql lsp: not implemented yet\n');
  return 2;
}

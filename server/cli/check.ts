/** `safe-sql check`. */
export async function checkCommand(_args: string[]): Promise<number> {
  process.stderr.write('safe-sql check: not implemented yet\n');
  return 2;
}

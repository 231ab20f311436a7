/** `safe-sql run`. */
export async function runCommand(_args: string[]): Promise<number> {
  process.stderr.write('safe-sql run: not implemented yet\n');
  return 2;
}

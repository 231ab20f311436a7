/** Entry point of the bundled language server (dist/server.js), started by the extension over stdio. */
process.stderr.write('safe-sql language server: not implemented yet\n');
process.exitCode = 1;

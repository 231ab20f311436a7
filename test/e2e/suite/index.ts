/**
 * Entry point of the extension-host suite: bundled with esbuild into one file and loaded by the
 * VS Code workbench as `extensionTestsPath`. The runner reads the summary line from the console.
 */
import Mocha from 'mocha';
import { format } from 'node:util';

/** Every line of the suite's output starts with this, so the runner can pick it out of the console. */
export const LINE_PREFIX = 'SAFE_SQL_E2E| ';
export const SUMMARY_PREFIX = 'SAFE_SQL_E2E_SUMMARY ';

export function run(): Promise<void> {
  // The extension host forwards console.log with its own formatting; hand it finished lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(LINE_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, forbidOnly: true, reporter: 'spec' });
  // The test files are bundled in; register mocha's globals, then load them in order.
  mocha.suite.emit('pre-require', globalThis, 'safe-sql-e2e', mocha);
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./extension.test');
  require('./diagnostics.test');
  require('./quickfix.test');
  require('./configuration.test');
  require('./connections.test');
  require('./run.test');
  require('./lmTools.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(SUMMARY_PREFIX + JSON.stringify({ passed: passes, failed, pending }));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}

import { runCli } from '../../src/cli/run.js';

/** Runs the CLI in-process, capturing what it prints and its exit code. */
export async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

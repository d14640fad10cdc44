#!/usr/bin/env node
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
// A failed command stops here: work it started (a half-read archive, parse
// workers) has no one left to serve. Success ends when the event loop is empty.
if (code !== 0) process.exit(code);
process.exitCode = code;

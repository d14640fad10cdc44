import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Starts a process and resolves once `readyUrl` answers 2xx (30 s at most). */
export async function startProcess(args, env, readyUrl) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not become ready`);
}

/** Resident memory of a process, in MB, from /proc (Linux). */
export function rssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/**
 * CPU time a process has used, user and system, in microseconds, from /proc
 * (Linux; clock ticks of 10 ms). Divided by the requests of a run it is the
 * server's cost per request, which a host stealing CPU from the load
 * generator moves far less than it moves requests per second.
 */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

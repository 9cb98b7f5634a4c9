import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | null | undefined;

function clockTicks(): number | null {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = null;
    } catch {
      ticksPerSecond = null;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in milliseconds, from
 * /proc/<pid>/stat; null where there is no /proc (not Linux). Resolution: one clock tick (10 ms).
 * On a shared machine this is steadier than throughput: it does not count time spent waiting for
 * a core.
 */
export function processCpuMs(pid: number): number | null {
  const ticks = clockTicks();
  if (ticks === null || pid <= 0) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? ((utime + stime) * 1000) / ticks : null;
  } catch {
    return null;
  }
}

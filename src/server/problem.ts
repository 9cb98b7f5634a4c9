/**
 * The problem kernel lives in shared/problem.ts. This file remains for callers outside the modules
 * (CLI, server code, tests): importing it also registers every module's table (problem-tables.ts),
 * so a process that starts here knows every code.
 */
import './problem-tables.ts';

export * from '../shared/problem.ts';

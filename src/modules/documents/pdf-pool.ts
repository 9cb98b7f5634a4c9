/**
 * PDFs are drawn off the request's event loop (issue #10 point 17): a small pool of worker
 * threads (piscina), each with a capped V8 heap, that parse the CJK font once and keep it. The
 * pool starts at the first print and is shared by every app in the process.
 */
import { Piscina } from 'piscina';
import { AppError } from '../../shared/problem.ts';

/**
 * What every print carries: which paper (`kind`, on which the worker's renderer dispatches) and the
 * font setting the request saw. Each module that prints declares its own task type (documents:
 * CaseDocumentPdfTask, records: CertificatePdfTask); the worker (src/workers/pdf-render.ts, a
 * composition root) draws them all, so this module imports none of them.
 */
export interface PdfTaskBase {
  kind: string;
  fontSetting: string | undefined;
}

export type PdfResult =
  { ok: true; pdf: Uint8Array } | { ok: false; code: 'DOCUMENT_FONT_MISSING' };

export interface PdfPoolSettings {
  /** Worker threads (PDF_WORKERS, default 1). */
  threads: number;
  /** V8 old-generation cap per worker in MB (PDF_WORKER_HEAP_MB, default 40). */
  heapMb: number;
  /** Prints waiting beyond the running ones before 503 DOCUMENT_BUSY (PDF_QUEUE, default 64). */
  queue: number;
}

export const DEFAULT_PDF_POOL: PdfPoolSettings = { threads: 1, heapMb: 40, queue: 64 };

let settings: PdfPoolSettings = DEFAULT_PDF_POOL;
let workerUrl: URL | null = null;

/**
 * One pool with its own first-come-first-served line (see freeWorker). Closing it drops the whole
 * state, so a print still finishing in a closed pool never frees or blocks a slot of the next one
 * (a test file's or a restarted server's).
 */
interface PoolState {
  piscina: Piscina<PdfTaskBase, PdfResult>;
  running: number;
  waiting: (() => void)[];
}
let pool: PoolState | null = null;

export function configurePdfPool(next: PdfPoolSettings): void {
  settings = next;
}

/** The worker module the pool runs (the composition root passes src/workers' PDF_WORKER_URL). */
export function usePdfWorker(url: URL): void {
  workerUrl = url;
}

function thePool(): PoolState {
  pool ??= { piscina: newPiscina(), running: 0, waiting: [] };
  return pool;
}

function newPiscina(): Piscina<PdfTaskBase, PdfResult> {
  if (!workerUrl) throw new Error('PDF pool used before usePdfWorker() (composition root)');
  return new Piscina<PdfTaskBase, PdfResult>({
    filename: workerUrl.href,
    minThreads: 1,
    maxThreads: settings.threads,
    maxQueue: settings.queue,
    idleTimeout: 10 * 60_000,
    execArgv: [],
    // Old generation capped (the live heap after the first print is ~40 MB: the parsed font);
    // a small young generation keeps the worker's committed memory close to what it uses.
    resourceLimits: { maxOldGenerationSizeMb: settings.heapMb, maxYoungGenerationSizeMb: 4 },
  });
}

/** A print that takes longer is abandoned (its worker is replaced): 503, never a hung request. */
const PRINT_TIMEOUT_MS = 120_000;

/**
 * Prints wait here, first come first served, and reach piscina only when a worker is free.
 * piscina's own queue is not FIFO under steady load (piscinajs/piscina#1031: a task is shifted
 * and pushed back), which left one of four concurrent prints waiting until every other print
 * was done; a town's clerk would see that receipt take the whole morning.
 */
async function freeWorker(state: PoolState): Promise<void> {
  if (state.running < settings.threads) {
    state.running++;
    return;
  }
  if (state.waiting.length >= settings.queue)
    throw new AppError('DOCUMENT_BUSY', { retryAfterSeconds: 5 });
  // The slot is handed over by release(), so `running` already counts this print.
  await new Promise<void>((resolve) => state.waiting.push(resolve));
}

/**
 * A PDF reaches the server's heap as an external buffer that outlives its request until a full
 * collection, which V8 runs only when ~64 MB of such memory has piled up: printing all day kept
 * the server's memory that much above its working set (issue #10 point 17). Every
 * COLLECT_EVERY prints the server asks for a full collection (~20 ms, when Node exposes gc).
 */
const COLLECT_EVERY = 25;
let printsSinceCollect = 0;
const collect = (globalThis as { gc?: () => void }).gc;

function release(state: PoolState): void {
  if (collect && ++printsSinceCollect >= COLLECT_EVERY) {
    printsSinceCollect = 0;
    collect();
  }
  const next = state.waiting.shift();
  if (next) next();
  else state.running--;
}

/**
 * Draws one paper in a worker; DOCUMENT_FONT_MISSING / DOCUMENT_BUSY / DOCUMENT_RENDER_FAILED
 * (timeout, or a worker that hit its memory cap) as 503 problems.
 */
export async function renderInPool<Task extends PdfTaskBase>(task: Task): Promise<Buffer> {
  const state = thePool();
  await freeWorker(state);
  let result: PdfResult;
  try {
    result = await state.piscina.run(task, { signal: AbortSignal.timeout(PRINT_TIMEOUT_MS) });
  } catch {
    // The worker was aborted or died (its replacement starts on the next print).
    throw new AppError('DOCUMENT_RENDER_FAILED', { retryAfterSeconds: 5 });
  } finally {
    release(state);
  }
  if (!result.ok) throw new AppError(result.code);
  return Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength);
}

/** Stops the workers (server shutdown, end of a test file); the next print starts a new pool. */
export async function closePdfPool(): Promise<void> {
  const state = pool;
  pool = null;
  if (!state) return;
  // Prints still waiting in line go on to the closed pool, which refuses them (503).
  for (const next of state.waiting.splice(0)) next();
  await state.piscina.destroy();
}

/** For tests and the bench: live workers and prints done by this pool. */
export function pdfPoolStats(): { threads: number; completed: number; settings: PdfPoolSettings } {
  return {
    threads: pool?.piscina.threads.length ?? 0,
    completed: pool?.piscina.completed ?? 0,
    settings,
  };
}

/** Starts the worker at boot so the first print does not wait for it to load. */
export function warmPdfPool(): void {
  thePool();
}

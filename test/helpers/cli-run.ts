/**
 * `kpi-check` run in this process (src/cli/main.ts's run) with its output captured: how the CLI tests
 * call it. Not a terminal and no environment unless asked.
 */
import { run, type CliIO } from "../../src/cli/main";

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], io: Omit<Partial<CliIO>, "stdout" | "stderr"> = {}): Promise<CliOutcome> {
  let out = "";
  let err = "";
  const code = await run(args, {
    isTTY: false,
    env: {},
    ...io,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

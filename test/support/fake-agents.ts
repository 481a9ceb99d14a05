/** Installs fake agent CLIs (test/support/fake-agent.ts) on a PATH directory under real agents' names. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SCRIPT = join(import.meta.dir, "fake-agent.ts");

export interface FakeAgents {
  /** The directory to put first on PATH; it also holds plan.json, trace.jsonl and signal files. */
  bin: string;
  /** Sets what the agents do: "<role>:<WP>" → behaviour per attempt (see fake-agent.ts). */
  plan: (plan: Record<string, string[]>) => void;
  /** Every start/end line the agents wrote, in order. */
  trace: () => {
    event: string;
    agent: string;
    role?: string;
    wp?: string;
    pid: number;
    t: number;
    [k: string]: unknown;
  }[];
  /** Creates `<bin>/<name>` (a barrier the agents wait on). */
  release: (name: string) => void;
  signalled: (name: string) => boolean;
}

export function installFakeAgents(bin: string, names: string[]): FakeAgents {
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    const path = join(bin, name);
    // The dispatcher gives agents a clean environment, so the wrapper names itself and its directory.
    writeFileSync(
      path,
      `#!/bin/sh\nFAKE_AGENT_NAME='${name}' FAKE_AGENT_DIR='${bin}' exec '${process.execPath}' '${SCRIPT}' "$@"\n`,
    );
    chmodSync(path, 0o755);
  }
  return {
    bin,
    plan: (plan) => writeFileSync(join(bin, "plan.json"), JSON.stringify(plan)),
    trace: () => {
      const file = join(bin, "trace.jsonl");
      if (!existsSync(file)) return [];
      return readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },
    release: (name) => writeFileSync(join(bin, name), "go\n"),
    signalled: (name) => existsSync(join(bin, name)),
  };
}

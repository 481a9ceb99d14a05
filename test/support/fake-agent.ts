/**
 * A fake agent CLI for dispatch tests, installed on PATH under a real agent's name (`claude`, `codex`,
 * …) by fake-agents.ts. It behaves like an agent: reads its prompt (stdin, or the file its argv
 * names), works in its directory, edits and commits files, and runs the `spec-kitty` commands the
 * prompt lists to tick subtasks and move its WP. What it does on each attempt comes from
 * `<bin>/plan.json` ("<role>:<WP>" → behaviours by attempt, else "ok"):
 *
 *   ok           implement: write + commit src file, mark-status, move to for_review; review: approve
 *   reject       review: write feedback to the path the prompt names, move back to planned
 *   fail         exit 3 without moving the WP
 *   silent       exit 0 without moving the WP
 *   hang         sleep until killed
 *   partial:<f>  write an uncommitted partial file, signal `<f>` in <bin>, wait until killed
 *   wait:<f>     signal `started-<role>-<WP>` in <bin>, wait for file <f> in <bin>, then behave as ok
 *
 * Every start and end is appended to `<bin>/trace.jsonl` (one line each, O_APPEND), so tests can
 * check that no two runs of one WP ever overlapped.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const name = process.env.FAKE_AGENT_NAME ?? "agent";
const bin = process.env.FAKE_AGENT_DIR ?? ".";
const trace = (event: Record<string, unknown>) =>
  appendFileSync(
    join(bin, "trace.jsonl"),
    `${JSON.stringify({ agent: name, pid: process.pid, t: performance.timeOrigin + performance.now(), ...event })}\n`,
  );

async function readPrompt(): Promise<string> {
  const file = process.argv.slice(2).find((arg) => arg.endsWith(".md") && existsSync(arg));
  if (file) return readFileSync(file, "utf8");
  const named = process.argv
    .slice(2)
    .join(" ")
    .match(/Read (\S+\.md)/)?.[1];
  if (named && existsSync(named)) return readFileSync(named, "utf8");
  return await Bun.stdin.text();
}

/** The `spec-kitty …` line of a fenced block that contains `needle`, as argv (placeholders dropped). */
function command(prompt: string, needle: string): string[] {
  const line = prompt
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.startsWith("spec-kitty ") && l.includes(needle));
  if (!line) throw new Error(`fake agent: no '${needle}' command in the prompt`);
  return line
    .replace(/\s--note\s+"<[^"]*>"/, "")
    .split(/\s+/)
    .slice(1);
}

function run(argv: string[], cwd: string): void {
  const proc = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  process.stdout.write(proc.stdout.toString());
  if (proc.exitCode !== 0) {
    process.stderr.write(proc.stderr.toString());
    throw new Error(`fake agent: ${argv.join(" ")} exited ${proc.exitCode}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(file: string): Promise<void> {
  while (!existsSync(join(bin, file))) await sleep(20);
}

async function main(): Promise<number> {
  const prompt = await readPrompt();
  const head = /^(IMPLEMENT|REVIEW) (WP\d+):/m.exec(prompt);
  if (!head) throw new Error("fake agent: the prompt names no WP");
  const role = head[1] === "IMPLEMENT" ? "implement" : "review";
  const wp = head[2] as string;
  const cwd = process.cwd();
  const plan = existsSync(join(bin, "plan.json"))
    ? JSON.parse(readFileSync(join(bin, "plan.json"), "utf8"))
    : {};
  const previous = existsSync(join(bin, "trace.jsonl"))
    ? readFileSync(join(bin, "trace.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((e) => e.event === "start" && e.role === role && e.wp === wp).length
    : 0;
  const steps: string[] = plan[`${role}:${wp}`] ?? [];
  let behaviour = steps[previous] ?? steps.at(-1) ?? "ok";
  trace({
    event: "start",
    role,
    wp,
    attempt: previous + 1,
    behaviour,
    cwd,
    env_wp: process.env.SPEC_KITTY_WP,
    tmpdir: process.env.TMPDIR,
    leaked: process.env.FAKE_LEAK ?? null,
  });
  console.log(`${name}: ${role} ${wp} (${behaviour})`);
  if (behaviour.startsWith("wait:")) {
    writeFileSync(join(bin, `started-${role}-${wp}`), String(process.pid));
    await waitFor(behaviour.slice(5));
    behaviour = "ok";
  }
  if (behaviour === "fail") return 3;
  if (behaviour === "silent") return 0;
  if (behaviour === "hang" || behaviour.startsWith("partial:")) {
    if (behaviour.startsWith("partial:")) {
      writeFileSync(join(cwd, `partial-${wp}.txt`), `half-done ${wp} by ${name}\n`);
      writeFileSync(join(bin, behaviour.slice(8)), String(process.pid));
    }
    for (;;) await sleep(1000);
  }
  if (role === "implement") {
    const fixed = prompt.includes("Review feedback to address first");
    const owned = /owned_files:\n\s+- "([^"]+)"/.exec(prompt)?.[1] ?? `src/${wp}.txt`;
    const file = join(cwd, owned);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `// ${wp} by ${name}${fixed ? " (fixed after review)" : ""}\n`);
    run(["git", "add", "-A"], cwd);
    run(["git", "commit", "-q", "-m", `${wp}: ${fixed ? "fix" : "work"} by ${name}`], cwd);
    run(["spec-kitty", ...command(prompt, "mark-status")], cwd);
    run(["spec-kitty", ...command(prompt, "--to for_review")], cwd);
  } else if (behaviour === "reject") {
    const argv = command(prompt, "--to planned");
    const feedback = argv[argv.indexOf("--review-feedback-file") + 1] as string;
    mkdirSync(dirname(feedback), { recursive: true });
    writeFileSync(feedback, `${wp} needs another pass: name the exported function.\n`);
    run(["spec-kitty", ...argv], cwd);
  } else {
    run(["spec-kitty", ...command(prompt, "--to approved")], cwd);
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(String(error));
}
trace({
  event: "end",
  code,
  wp: /(WP\d+)/.exec(process.env.SPEC_KITTY_WP ?? "")?.[1],
  role: process.env.SPEC_KITTY_ROLE,
});
process.exit(code);

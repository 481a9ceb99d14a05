/**
 * An agent simulator: it runs a mission the way a coding agent follows spec-kitty's texts, word for
 * word. The only commands it runs are ones it finds in the slash-command files `init` installed for it
 * and in the prompt files and output spec-kitty prints, with its own values filled into their
 * `<placeholders>`; a text that teaches a command that does not exist, does not run as printed, or
 * leaves a placeholder it cannot know, makes the run fail. The files a real agent writes (spec, plan,
 * tasks, WP files, code, review feedback) come from a mission script.
 */
import { expect } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gitEnv } from "./git.ts";
import { BIN, testEnv } from "./run.ts";

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every command a text teaches: the lines of its fenced `sh` blocks and its inline `spec-kitty …`, `git …`, `cat …` spans. */
export function taughtCommands(text: string): string[] {
  const out: string[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const line of (block[1] as string).split("\n")) if (line.trim()) out.push(line.trim());
  for (const span of text.matchAll(/`((?:spec-kitty|git|cat|cd) [^`\n]+)`/g))
    out.push((span[1] as string).trim());
  return [...new Set(out)];
}

/** The one command of `text` that has every needle and none of `without`; fails the test otherwise. */
export function taught(text: string, needles: string[], without: string[] = []): string {
  const found = taughtCommands(text).filter(
    (cmd) => needles.every((n) => cmd.includes(n)) && !without.some((w) => cmd.includes(w)),
  );
  if (found.length === 0)
    throw new Error(`no command with ${JSON.stringify(needles)} is taught in:\n${text}`);
  const distinct = [...new Set(found)];
  if (distinct.length > 1 && new Set(distinct.map((c) => c.replace(/<[^>]+>/g, "<>"))).size > 1)
    throw new Error(`several commands with ${JSON.stringify(needles)}: ${distinct.join(" | ")}`);
  return distinct[0] as string;
}

/** Fills `<name>` placeholders from `values`; a placeholder left over is a template the agent cannot follow. */
export function fill(command: string, values: Record<string, string>): string {
  const out = command.replace(/<([^<>]+)>/g, (whole, name: string) => values[name] ?? whole);
  const left = /<[^<>\s][^<>]*>/.exec(out);
  if (left)
    throw new Error(`the taught command keeps a placeholder the agent cannot fill (${left[0]}): ${command}`);
  return out;
}

export class AgentSim {
  constructor(
    readonly root: string,
    readonly agent: string,
    readonly tmp: string,
  ) {}

  /** The installed slash command, as the agent reads it. */
  slash(name: string): string {
    return readFileSync(join(this.root, ".claude", "commands", `spec-kitty.${name}.md`), "utf8");
  }

  /** Runs a command line the way an agent's shell does, with the built spec-kitty on PATH. */
  async sh(line: string, cwd = this.root): Promise<ShellResult> {
    const env = testEnv(cwd, {
      ...gitEnv(),
      TMPDIR: this.tmp,
      PATH: `${dirname(BIN)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    });
    const proc = Bun.spawn(["sh", "-c", line], { cwd, env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { code, stdout, stderr };
  }

  /** `sh` that must succeed; the trail of every command run is kept for failure messages. */
  readonly trail: string[] = [];
  async run(line: string, cwd = this.root): Promise<ShellResult> {
    this.trail.push(line);
    const result = await this.sh(line, cwd);
    if (result.code !== 0) {
      throw new Error(
        `\`${line}\` (in ${cwd}) exited ${result.code}:\n${result.stderr}${result.stdout}\nafter:\n${this.trail.slice(-12).join("\n")}`,
      );
    }
    return result;
  }

  async json(line: string, cwd = this.root): Promise<Record<string, unknown>> {
    return JSON.parse((await this.run(line, cwd)).stdout) as Record<string, unknown>;
  }

  /** The prompt a command's human output tells the agent to read (`cat <file>`), read with that very command. */
  async readPromptOf(output: string): Promise<string> {
    const line = /\bcat (\S+)\s*$/m.exec(output)?.[0];
    if (!line) throw new Error(`the output names no prompt to read (\`cat <file>\`):\n${output}`);
    return (await this.run(line)).stdout;
  }
}

/** What the agent writes, and what the people around it decide, for one mission. */
export interface MissionScript {
  slug: string;
  spec: string;
  plan: string;
  tasksMd: string;
  /** WP file name → text. */
  wpFiles: Record<string, string>;
  /** The work of each WP: project-relative file → text, by attempt (0 first; a later one after a rejection). */
  work: Record<string, (attempt: number) => Record<string, string>>;
  /** The review of a WP at an attempt: null approves, a text rejects with that feedback. */
  review?: (wp: string, attempt: number) => string | null;
  /** WPs the user drops (cancels) when the first WP is handed out. */
  cancel?: string[];
}

export interface MissionRun {
  missionSlug: string;
  /** `action WP` per decision followed, in order. */
  trail: string[];
  /** The review prompts by `WP#attempt`. */
  reviewPrompts: Record<string, string>;
}

function writeAll(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** The workspace an implement prompt sends the agent to (`cd <dir>`). */
function workspaceOf(prompt: string): string {
  return taught(prompt, ["cd "], ["&&"]).slice(3).trim();
}

/** Starts a mission with /spec-kitty.specify and follows /spec-kitty.next until it says the mission is done. */
export async function runMission(sim: AgentSim, script: MissionScript): Promise<MissionRun> {
  const specify = sim.slash("specify");
  const created = await sim.json(fill(taught(specify, ["agent mission create"]), { slug: script.slug }));
  const slug = created.mission_slug as string;
  writeFileSync(created.spec_file as string, script.spec);
  await sim.run(fill(taught(specify, ["git add", "spec.md"]), { slug }));
  await sim.run(fill(taught(specify, ["spec-kitty next"]), { slug }));

  const next = sim.slash("next");
  const ask = fill(taught(next, ["spec-kitty next", "--json"], ["--result"]), { slug });
  const report = fill(taught(next, ["spec-kitty next", "--result success"]), { slug });
  const run: MissionRun = { missionSlug: slug, trail: [], reviewPrompts: {} };
  const attempts: Record<string, number> = {};
  let canceled = false;

  for (let turn = 0; turn < 60; turn++) {
    const decision = await sim.json(ask);
    if (decision.kind === "terminal") return run;
    expect(decision.kind, JSON.stringify(decision)).toBe("step");
    const action = decision.action as string;
    const wp = decision.wp_id as string | null;
    run.trail.push(`${action}${wp ? ` ${wp}` : ""}`);
    const prompt = readFileSync(decision.prompt_file as string, "utf8");

    if (action === "plan") {
      const plan = sim.slash("plan");
      const setup = await sim.json(fill(taught(plan, ["setup-plan"]), { slug }));
      writeFileSync(setup.plan_file as string, script.plan);
      await sim.run(taught(prompt, ["git add", "plan.md"]));
    } else if (action === "tasks") {
      await sim.json(fill(taught(sim.slash("tasks"), ["check-prerequisites"]), { slug }));
      writeAll(join(sim.root, "kitty-specs", slug), {
        "tasks.md": script.tasksMd,
        ...Object.fromEntries(Object.entries(script.wpFiles).map(([name, text]) => [`tasks/${name}`, text])),
      });
      await sim.run(taught(prompt, ["finalize-tasks"]));
    } else if (action === "implement" && wp) {
      if (!canceled && script.cancel?.length) {
        canceled = true;
        for (const drop of script.cancel) {
          const cmd = fill(taught(next, ["--to canceled"]), {
            WP: drop,
            slug,
            "why it is dropped": "the user no longer needs it",
          });
          await sim.run(cmd);
        }
        continue; // ask again: the decision may have changed
      }
      const attempt = attempts[`implement ${wp}`] ?? 0;
      attempts[`implement ${wp}`] = attempt + 1;
      const claimed = await sim.run(taught(prompt, ["agent action implement"]));
      const work = await sim.readPromptOf(claimed.stdout);
      const ws = workspaceOf(work);
      writeAll(ws, (script.work[wp] as (a: number) => Record<string, string>)(attempt));
      await sim.run(taught(work, ["mark-status"]), ws);
      await sim.run(fill(taught(work, ["git add"]), { "what you did": `attempt ${attempt + 1}` }), ws);
      await sim.run(fill(taught(work, ["--to for_review"]), { "one-line summary": "done" }), ws);
    } else if (action === "review" && wp) {
      const attempt = attempts[`review ${wp}`] ?? 0;
      attempts[`review ${wp}`] = attempt + 1;
      const claimed = await sim.run(taught(prompt, ["agent action review"]));
      const review = await sim.readPromptOf(claimed.stdout);
      run.reviewPrompts[`${wp}#${attempt}`] = review;
      const ws = workspaceOf(review);
      const feedback = script.review?.(wp, attempt) ?? null;
      if (feedback === null) {
        await sim.run(
          fill(taught(review, ["--to approved"]), { "why it is good": "it does what the WP asks" }),
          ws,
        );
      } else {
        const reject = taught(review, ["--to planned", "--review-feedback-file"]);
        const file = /--review-feedback-file (\S+)/.exec(reject)?.[1] as string;
        writeFileSync(file, feedback);
        await sim.run(reject, ws);
      }
    } else if (action === "accept") {
      const accepted = await sim.run(fill(taught(sim.slash("accept"), ["spec-kitty accept"]), { slug }));
      expect(accepted.stdout).toContain("Accepted");
    } else if (action === "merge") {
      const merge = sim.slash("merge");
      await sim.run(fill(taught(merge, ["spec-kitty merge", "--dry-run"]), { slug }));
      await sim.run(fill(taught(merge, ["spec-kitty merge"], ["--dry-run", "--abort"]), { slug }));
    } else {
      throw new Error(`the simulator has no way to follow ${JSON.stringify(decision)}`);
    }
    // Report back as /spec-kitty.next says; the step must be finished (no guard failures).
    const reported = await sim.run(report);
    expect(reported.stdout, `after ${action} ${wp ?? ""}`).not.toContain("not finished:");
  }
  throw new Error(`the mission did not finish in 60 turns: ${run.trail.join(", ")}`);
}

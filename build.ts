/**
 * Builds spec-kitty binaries and their release assets.
 *   bun run build.ts                       every target in TARGETS → dist/spec-kitty-<os>-<arch>[-variant],
 *                                          an archive per target (.tar.gz; .zip for Windows), SHA256SUMS,
 *                                          the Homebrew formula (spec-kitty.rb) and Scoop manifest (spec-kitty.json)
 *   bun run build.ts --targets linux-x64,darwin-arm64   the same for a subset
 *   bun run build.ts --out DIR             write into DIR instead of dist/
 *   bun run build.ts --host                this machine only → dist/spec-kitty (no assets)
 * The assets also hold `install.sh` (copied from scripts/). SPEC_KITTY_RELEASE_TARGETS (same syntax as
 * --targets) narrows a run without changing its command line: the release workflow's dry run uses it.
 * Cross-target runtimes come from the npm registry (@oven/bun-<platform>), so one machine with only
 * npm access builds them all.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pkg from "./package.json" with { type: "json" };
import { type BuiltTarget, type ReleaseAssets, writeReleaseAssets } from "./scripts/dist/assets.ts";
import { releaseSite } from "./scripts/dist/config.ts";

export interface Target {
  os: "linux" | "darwin" | "windows";
  arch: "x64" | "arm64";
  variant?: "baseline" | "musl" | "musl-baseline";
}

/** The one list of release targets: build, archives, Homebrew formula, Scoop manifest and install.sh. */
export const TARGETS: readonly Target[] = [
  { os: "linux", arch: "x64" },
  { os: "linux", arch: "x64", variant: "baseline" },
  { os: "linux", arch: "arm64" },
  { os: "linux", arch: "x64", variant: "musl" },
  { os: "linux", arch: "x64", variant: "musl-baseline" },
  { os: "linux", arch: "arm64", variant: "musl" },
  { os: "darwin", arch: "x64" },
  { os: "darwin", arch: "arm64" },
  { os: "windows", arch: "x64" },
];

export function targetName(t: Target): string {
  return `spec-kitty-${t.os}-${t.arch}${t.variant ? `-${t.variant}` : ""}`;
}

export function binaryName(t: Target): string {
  return `${targetName(t)}${t.os === "windows" ? ".exe" : ""}`;
}

/** Bun's compile target string, e.g. bun-linux-x64-baseline-musl. */
function bunTarget(t: Target): Bun.Build.CompileTarget {
  const simd = t.variant?.includes("baseline") ? "-baseline" : "";
  const libc = t.variant?.startsWith("musl") ? "-musl" : "";
  return `bun-${t.os}-${t.arch}${simd}${libc}` as Bun.Build.CompileTarget;
}

/** npm package holding that target's Bun runtime, e.g. @oven/bun-linux-x64-musl-baseline. */
function runtimePackage(t: Target): string {
  const arch = t.arch === "arm64" ? "aarch64" : "x64";
  const libc = t.variant?.startsWith("musl") ? "-musl" : "";
  const simd = t.variant?.includes("baseline") ? "-baseline" : "";
  return `@oven/bun-${t.os}-${arch}${libc}${simd}`;
}

const DIST = join(import.meta.dir, "dist");
const CACHE = join(import.meta.dir, "node_modules", ".cache", "bun-runtimes");

/** Downloads (once) the Bun runtime for a target from the npm registry and returns its path. */
async function runtimeFor(t: Target): Promise<string> {
  const name = runtimePackage(t);
  const dir = join(CACHE, `${name.replace("/", "+")}@${Bun.version}`);
  const exe = join(dir, "package", "bin", t.os === "windows" ? "bun.exe" : "bun");
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const pack = Bun.spawnSync([
    "npm",
    "pack",
    `${name}@${Bun.version}`,
    "--silent",
    "--pack-destination",
    dir,
  ]);
  if (pack.exitCode !== 0) throw new Error(`npm pack ${name}@${Bun.version} failed: ${pack.stderr}`);
  const tarball = join(dir, pack.stdout.toString().trim().split("\n").pop() ?? "");
  const untar = Bun.spawnSync(["tar", "-xzf", tarball, "-C", dir]);
  if (untar.exitCode !== 0 || !existsSync(exe)) throw new Error(`could not unpack ${tarball}`);
  return exe;
}

/**
 * Resolves `ulid` to the package's browser build (global Web Crypto) instead of its Node build, whose
 * top-level `import crypto from "node:crypto"` costs ~13 ms of start-up in the binary. Same package,
 * same version, same API; only the randomness source differs (both are CSPRNGs).
 */
const ulidWithoutNodeCrypto: Bun.BunPlugin = {
  name: "ulid-web-crypto",
  setup(build) {
    build.onResolve({ filter: /^ulid$/ }, () => ({
      path: join(import.meta.dir, "node_modules", "ulid", "dist", "browser", "index.js"),
    }));
  },
};

async function compile(outfile: string, target?: Target): Promise<void> {
  // Bun appends ".exe" to Windows outfiles that lack it, so the temp name keeps the extension last.
  const temp = outfile.replace(/(\.exe)?$/, `.${process.pid}.tmp$1`);
  const result = await Bun.build({
    entrypoints: [join(import.meta.dir, "src", "bin.ts")],
    minify: true,
    bytecode: true,
    format: "esm",
    // Splitting keeps lazily imported commands (and the node: builtins they pull in) out of the start-up
    // path: measured, `--version` drops from ~2.3× to ~1.05× the Bun "hello" floor.
    splitting: true,
    plugins: [ulidWithoutNodeCrypto],
    throw: false,
    compile: {
      outfile: temp,
      // The binary runs inside users' repositories: it must never pick up their .env or bunfig.toml.
      autoloadDotenv: false,
      autoloadBunfig: false,
      ...(target ? { target: bunTarget(target), executablePath: await runtimeFor(target) } : {}),
    },
  });
  if (!result.success) {
    rmSync(temp, { force: true });
    throw new Error(result.logs.map(String).join("\n"));
  }
  // Rename into place so concurrent test runs never execute a half-written binary.
  renameSync(temp, outfile);
}

export async function buildHost(): Promise<string> {
  mkdirSync(DIST, { recursive: true });
  const out = join(DIST, process.platform === "win32" ? "spec-kitty.exe" : "spec-kitty");
  await compile(out);
  return out;
}

/** `linux-x64-musl` → its Target; the names `--targets` accepts. */
export function findTargets(names: string): Target[] {
  return names.split(",").map((raw) => {
    const name = raw.trim().replace(/^spec-kitty-/, "");
    const target = TARGETS.find((t) => targetName(t) === `spec-kitty-${name}`);
    if (!target) {
      const known = TARGETS.map((t) => targetName(t).replace(/^spec-kitty-/, "")).join(", ");
      throw new Error(`unknown target '${name}'; known targets: ${known}`);
    }
    return target;
  });
}

export async function buildAll(
  targets: readonly Target[] = TARGETS,
  dist: string = DIST,
): Promise<{ files: string[]; assets: ReleaseAssets }> {
  mkdirSync(dist, { recursive: true });
  const built: BuiltTarget[] = [];
  for (const t of targets) {
    const file = binaryName(t);
    process.stderr.write(`building ${file}\n`);
    await compile(join(dist, file), t);
    built.push({ os: t.os, arch: t.arch, variant: t.variant, name: targetName(t), binary: file });
  }
  const assets = writeReleaseAssets(dist, built, pkg.version, releaseSite(process.env));
  return { files: built.map((b) => b.binary), assets };
}

function flagValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  const started = performance.now();
  if (process.argv.includes("--host")) console.log(`built ${await buildHost()} (${pkg.version})`);
  else {
    const names = flagValue("--targets") ?? (process.env.SPEC_KITTY_RELEASE_TARGETS || undefined);
    const out = flagValue("--out");
    const { files, assets } = await buildAll(names ? findTargets(names) : TARGETS, out ? resolve(out) : DIST);
    console.log(
      `built ${files.length} targets, ${assets.archives.length} archives and ${assets.installer} into ${out ?? "dist/"} (${pkg.version})`,
    );
  }
  console.log(`in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

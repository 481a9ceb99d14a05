import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say, warn } from "../../cli/output.ts";
import { login } from "../../core/auth/account.ts";
import { SpecKittyError, UsageError } from "../../core/errors.ts";
import { jsonArg } from "../_args.ts";

const HELP = `Log in to the sync server and store the session
The server is SPEC_KITTY_SERVER_URL, else [sync] server_url in ~/.spec-kitty/config.toml (https only,
plain http only for localhost). The session is saved in ~/.spec-kitty/credentials (mode 0600); the
folder is $SPEC_KITTY_HOME when set. There is no --password flag, so a password never lands in your
shell history: you are prompted on a terminal, or pipe it in with --password-stdin.

Examples:
  spec-kitty auth login
  printf '%s' "$PASSWORD" | spec-kitty auth login --username me@example.com --password-stdin`;

/** A password is short; /dev/zero or a file piped in by mistake is refused, not read to the end. */
const MAX_PASSWORD_BYTES = 4096;

/** How long `--password-stdin` waits for the pipe to close (SPEC_KITTY_STDIN_TIMEOUT_MS; default 60 s). */
function stdinLimits(): { maxBytes: number; timeoutMs: number } {
  const raw = io().env.SPEC_KITTY_STDIN_TIMEOUT_MS;
  const timeoutMs = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 60_000;
  return { maxBytes: MAX_PASSWORD_BYTES, timeoutMs };
}

function cancelled(): SpecKittyError {
  return new SpecKittyError("LOGIN_CANCELLED", "login cancelled", {
    fix: "run `spec-kitty auth login` again",
  });
}

/** Username and password from flags, stdin or (on a terminal only) prompts. */
async function askCredentials(
  server: string,
  flags: { username?: string; passwordStdin?: boolean },
): Promise<{ username: string; password: string }> {
  let username = flags.username;
  let password: string | undefined;
  if (flags.passwordStdin) {
    if (!username) throw new UsageError("--password-stdin needs --username", "add --username <name>");
    password = (await io().readStdin(stdinLimits())).replace(/\r?\n$/, "");
    if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
      throw new SpecKittyError(
        "INPUT_TOO_LARGE",
        `standard input is larger than ${MAX_PASSWORD_BYTES} bytes`,
        {
          fix: "pipe in the password only, not a file or a device",
        },
      );
    }
  }
  if (username !== undefined && password !== undefined) return { username, password };
  if (!io().stdinIsTTY) {
    throw new UsageError(
      "not a terminal: cannot prompt for the username or password",
      "pass --username <name> --password-stdin and pipe the password in",
    );
  }
  const prompts = await import("@clack/prompts");
  if (username === undefined) {
    const value = await prompts.text({ message: `Username for ${server}` });
    if (prompts.isCancel(value)) throw cancelled();
    username = value;
  }
  const value = await prompts.password({ message: "Password" });
  if (prompts.isCancel(value)) throw cancelled();
  return { username, password: value };
}

export default defineCommand({
  meta: { name: "login", description: HELP },
  args: {
    username: {
      type: "string",
      alias: "u",
      description: "Account name (prompted on a terminal when omitted)",
    },
    passwordStdin: { type: "boolean", description: "Read the password from standard input" },
    force: {
      type: "boolean",
      alias: "f",
      description: "Log in again even with a live session; replaces a corrupt credentials file",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const result = await login(io().env, {
      force: Boolean(args.force),
      askCredentials: (server) =>
        askCredentials(server, { username: args.username, passwordStdin: Boolean(args.passwordStdin) }),
    });
    if (args.json) return printJson(result);
    if (result.status === "already") {
      say(
        `Already logged in as ${result.username} on ${result.server}.`,
        "Use `spec-kitty auth login --force` to log in again, or `spec-kitty auth logout` to end the session.",
      );
      if (result.configured_server !== result.server.replace(/\/+$/, "")) {
        warn(`the configured server is now ${result.configured_server}; use --force to log in there`);
      }
    } else {
      say(`Logged in as ${result.username} on ${result.server}.`);
    }
  },
});

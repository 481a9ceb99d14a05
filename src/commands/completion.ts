import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { COMPLETION_SCRIPTS } from "../core/completion/scripts.ts";
import { SHELLS, type Shell } from "../core/completion/values.ts";
import { UsageError } from "../core/errors.ts";

export default defineCommand({
  meta: {
    name: "completion",
    description:
      "Print the shell completion script for bash, zsh, fish or powershell\n" +
      "It completes commands, flags, and the current project's missions, work packages, lanes and agents.\n" +
      "Load it in your shell's start-up file:\n" +
      "  bash:        source <(spec-kitty completion bash)        (in ~/.bashrc)\n" +
      "  zsh:         source <(spec-kitty completion zsh)         (in ~/.zshrc)\n" +
      "  fish:        spec-kitty completion fish | source          (in ~/.config/fish/config.fish)\n" +
      "  PowerShell:  spec-kitty completion powershell | Out-String | Invoke-Expression   (in $PROFILE)",
  },
  args: {
    shell: {
      type: "positional",
      required: true,
      description: `The shell: ${SHELLS.join(", ")}`,
      valueHint: "shell",
    },
  },
  run: ({ args }) => {
    if (!(SHELLS as readonly string[]).includes(args.shell))
      throw new UsageError(`unknown shell '${args.shell}'`, `choose one of: ${SHELLS.join(", ")}`);
    io().stdout(COMPLETION_SCRIPTS[args.shell as Shell]);
  },
});

/**
 * The completion scripts. Each is a thin shim that hands the words typed so far to the hidden
 * `spec-kitty __complete` command and offers what it prints (one candidate per line), so commands,
 * flags and the project's missions, WPs and lanes always come from the binary itself.
 */
import type { Shell } from "./values.ts";

const BASH = `# spec-kitty completion for bash. Load it with:
#   source <(spec-kitty completion bash)
_spec_kitty_complete() {
  local IFS=$'\\n'
  local words=("\${COMP_WORDS[@]:1:COMP_CWORD}")
  COMPREPLY=($(spec-kitty __complete -- "\${words[@]}" 2>/dev/null))
}
complete -o default -o nosort -F _spec_kitty_complete spec-kitty
`;

const ZSH = `#compdef spec-kitty
# spec-kitty completion for zsh. Load it with:
#   source <(spec-kitty completion zsh)
_spec_kitty() {
  local -a candidates
  candidates=("\${(@f)$(spec-kitty __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -Q -- "\${candidates[@]}"
}
if (( $+functions[compdef] )); then
  compdef _spec_kitty spec-kitty
else
  autoload -Uz compinit && compinit && compdef _spec_kitty spec-kitty
fi
`;

const FISH = `# spec-kitty completion for fish. Load it with:
#   spec-kitty completion fish | source
function __spec_kitty_complete
    set -l words (commandline -opc) (commandline -ct)
    spec-kitty __complete -- $words[2..-1] 2>/dev/null
end
complete -c spec-kitty -f -a '(__spec_kitty_complete)'
`;

const POWERSHELL = `# spec-kitty completion for PowerShell. Load it with:
#   spec-kitty completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName spec-kitty -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '' }
    spec-kitty __complete -- @words 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = {
  bash: BASH,
  zsh: ZSH,
  fish: FISH,
  powershell: POWERSHELL,
};

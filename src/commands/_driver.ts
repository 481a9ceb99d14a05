/** The running binary, quoted for the shell git runs merge drivers with (`merge`, `merge-mission`, `dispatch --merge`). */
export function driverCommand(): string {
  return `'${process.execPath.replaceAll("'", `'\\''`)}'`;
}

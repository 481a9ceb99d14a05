/** Opening a URL in the user's browser (`dashboard --open`), with the platform's own opener. */

export function openerCommand(platform: NodeJS.Platform, url: string): string[] {
  if (platform === "darwin") return ["open", url];
  if (platform === "win32") return ["cmd", "/c", "start", "", url];
  return ["xdg-open", url];
}

/**
 * Starts the opener and lets it go (it exits on its own once the browser has the URL). False when there
 * is no opener on this machine; the URL is printed either way.
 */
export function openInBrowser(url: string, env: Record<string, string | undefined>): boolean {
  try {
    const proc = Bun.spawn(openerCommand(process.platform, url), {
      env,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
    });
    proc.unref();
    return true;
  } catch {
    return false;
  }
}

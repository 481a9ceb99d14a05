import { type } from "arktype";

/**
 * `<home>/credentials` (TOML), the original's shape: `[tokens]`, `[user]`, `[server]`. Expiry stamps
 * are ISO strings; an unparsable one reads as expired rather than failing, as the original does.
 * Unknown keys are kept out of the type but tolerated, so a newer writer's extras don't break us.
 */
export const credentialsFile = type({
  tokens: {
    access: "string > 0",
    refresh: "string > 0",
    "access_expires_at?": "string",
    "refresh_expires_at?": "string",
  },
  user: {
    username: "string",
    "team_slug?": "string",
  },
  server: {
    url: "string > 0",
  },
});

import { type } from "arktype";

/** `<home>/config.toml`: only the `[sync]` table is ours to read; other tables are left alone. */
export const userConfigFile = type({
  "sync?": {
    "server_url?": "string",
    "max_queue_size?": "number.integer > 0",
  },
});

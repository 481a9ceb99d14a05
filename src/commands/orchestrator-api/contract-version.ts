import { defineCommand } from "citty";
import { contractVersion } from "../../core/orchestrator/contract.ts";
import { printSuccess } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "contract-version",
    description:
      "Report the API contract version (and check a provider's version)\n" +
      "With --provider-version, fails with CONTRACT_VERSION_MISMATCH when the provider (PEP 440) is\n" +
      "older than min_supported_provider_version. Call it once before any state-changing call.",
  },
  args: {
    providerVersion: { type: "string", description: "The caller's own version", valueHint: "version" },
  },
  run: ({ args }) => {
    printSuccess("contract-version", { ...contractVersion(args.providerVersion) });
  },
});

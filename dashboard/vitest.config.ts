// Unit tests (vitest): the API client, error messages, validation and i18n; no browser, no server.
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
    resolve: { alias: { "@": path.resolve(__dirname, "src") } },
    test: { include: ["test/**/*.test.ts"], environment: "node" },
});

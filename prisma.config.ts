import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`: migrations are plain SQL run by scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});

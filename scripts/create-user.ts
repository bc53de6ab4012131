// `npm run user:create -- --email a@b.kz --name "…" --role ADMIN [--oblast AKT]`
// Creates an account for a real deployment. The password is generated and printed once; the user must change it
// at first sign-in.
import { parseArgs } from "node:util";
import { openAppDatabase } from "./lib/app-database";
import { migrateDatabase } from "./lib/migrate";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, oblast: { type: "string" } },
});

const { databaseUrl, server } = await openAppDatabase();
let exitCode = 0;
try {
  await migrateDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const { seedReferenceData } = await import("../lib/reference/seed-reference-data");
  const { createUser, oneTimePassword, ZCreateUserInput } = await import("../lib/users/create-user");
  await seedReferenceData();
  const password = oneTimePassword();
  const input = { email: values.email ?? "", name: values.name ?? values.email ?? "", role: values.role as "ADMIN", oblast: values.oblast, password, mustChangePassword: true };
  const parsed = ZCreateUserInput.safeParse(input);
  if (!parsed.success) {
    console.error("cannot create the user:\n" + parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n"));
    exitCode = 2;
  } else {
    const user = await createUser(parsed.data, null);
    console.log(`created ${user.email} (${user.role}). One-time password, shown once: ${password}`);
  }
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await server?.stop();
}
process.exit(exitCode);

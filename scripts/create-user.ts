// `npm run user:create -- --email a@b.kz --name "…" --role ADMIN [--oblast AKT]`
// Creates an account for a real deployment. The password is generated and printed once; the user must change it
// at first sign-in.
import { parseArgs } from "node:util";
import { runWithAppDatabase } from "./lib/with-app-database";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    oblast: { type: "string" },
  },
});

await runWithAppDatabase(async () => {
  const { createUser, oneTimePassword, ZCreateUserInput } = await import("../lib/users/create-user");
  const password = oneTimePassword();
  const parsed = ZCreateUserInput.safeParse({
    email: values.email ?? "",
    name: values.name ?? values.email ?? "",
    role: values.role,
    oblast: values.oblast,
    password,
    mustChangePassword: true,
  });
  if (!parsed.success) {
    console.error(
      `cannot create the user:\n${parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
    return 2;
  }
  const user = await createUser(parsed.data, null);
  console.log(`created ${user.email} (${user.role}). One-time password, shown once: ${password}`);
  return 0;
});

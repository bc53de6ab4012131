import { describe, expect, it } from "vitest";
import { ZSignInInput } from "@/lib/auth/sign-in-schema";

const messageOf = (input: unknown) => {
  const result = ZSignInInput.safeParse(input);
  return result.success ? null : result.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
};

describe("sign-in input", () => {
  it("accepts an email in any case and lower-cases it", () => {
    expect(ZSignInInput.parse({ email: "  Admin@Batys.Demo ", password: "x" }).email).toBe("admin@batys.demo");
  });
  it("reports empty fields as required", () => {
    expect(messageOf({ email: "", password: "" })).toEqual(["email:required", "password:required"]);
  });
  it("reports a 10 KB string as too long rather than failing", () => {
    const huge = "a".repeat(10_240);
    expect(messageOf({ email: `${huge}@x.kz`, password: huge })).toEqual(["email:tooLong", "password:tooLong"]);
  });
  it("reports a malformed email", () => {
    expect(messageOf({ email: "not-an-email", password: "x" })).toEqual(["email:invalidEmail"]);
  });
});

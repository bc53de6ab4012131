// Sign-in input rules, shared by the form (to show errors beside the fields) and the server (which decides).
import { z } from "zod";

export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

export const ZSignInInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, "required")
    .max(MAX_EMAIL_LENGTH, "tooLong")
    .pipe(z.email("invalidEmail"))
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1, "required").max(MAX_PASSWORD_LENGTH, "tooLong"),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

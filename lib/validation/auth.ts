import { z } from "zod";
import { nameText } from "./text";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address").max(254, "Email address is too long").email("Enter an email address in the correct format, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
export type SignInInput = z.input<typeof signInSchema>;

export const registerSchema = z
  .object({
    name: nameText("Enter your full name", "Name", 120),
    organisation: nameText("Enter your organisation", "Organisation", 200),
    email: signInSchema.shape.email,
    password: z
      .string()
      .min(10, "Password must be at least 10 characters")
      .max(200, "Password must be 200 characters or fewer"),
    confirmPassword: z.string().min(1, "Confirm your password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match",
  });
export type RegisterInput = z.input<typeof registerSchema>;

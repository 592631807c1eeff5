import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address").max(254, "Email address is too long").email("Enter an email address in the correct format, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
export type SignInInput = z.input<typeof signInSchema>;

export const registerSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your full name").max(120, "Name must be 120 characters or fewer"),
    organisation: z.string().trim().min(1, "Enter your organisation").max(200, "Organisation must be 200 characters or fewer"),
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

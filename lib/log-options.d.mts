export const REDACT_PATHS: string[];
export function loggerOptions(level: string | undefined): {
  level: string;
  base: { app: string };
  redact: { paths: string[]; censor: string };
};

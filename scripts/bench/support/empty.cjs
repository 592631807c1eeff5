// Empty stand-in for "server-only" (see stub-server-only.cjs).

"""The local Constant Contact v1 emulator (no Qt): ``server.SandboxServer`` runs it,
``demo`` holds the demo account and OAuth clients, README.md documents behaviour and quirks."""

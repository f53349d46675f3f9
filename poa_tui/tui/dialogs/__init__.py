"""Modal screens over the case list, the editor or the log: forms, confirmations, help, the
evidence checklist, the notice review and read-only text views."""

"""Cases on disk: `CaseStore` (one TinyDB file a case, a rebuildable index), crash-safe files,
locks between processes, snapshots and backups, migrations, kept form drafts and `doctor`.
No Textual here; the domain below is all it builds on."""

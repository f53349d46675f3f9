"""One screen per module: the case list, the case editor and their dialogs."""

"""The machine around the app: where files live, the settings file, the clipboard, the user's
own editor, written export files and recovery files. No Textual here."""

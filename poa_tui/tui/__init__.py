"""The terminal app: `app` (PoaApp, global keys, the palette), full `screens`, modal `dialogs`,
reusable `widgets`, and `textual_fixes` (each change to Textual's own behaviour)."""

"""Each change poa-tui makes to how Textual 8.2.8 behaves, one module each.

Every module says what Textual does upstream (and the upstream issue where there is one), the
measured reason for the change, and the test that fails when Textual changes underneath it.
`scripts/bench.py --off FIX` measures again with a fix switched off.
"""

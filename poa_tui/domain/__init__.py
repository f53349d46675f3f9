"""The domain: what a case is and what poa-tui knows about Amazon appeals.

The model and its validation, reading notices and replies (in the marketplace languages), the
readiness checks and writing guidance, the clocks, diffing and merging versions, and putting the
plan together as text or a document. Nothing here imports Textual or touches the disk.
"""

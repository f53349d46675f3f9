"""poa-tui: a terminal case manager for Amazon seller appeals."""

__version__ = "0.1.0"

"""broadcast: production tool for Vietnamese commune loudspeaker radio."""

__version__ = "0.1.0"

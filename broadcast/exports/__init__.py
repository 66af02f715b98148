"""Exports: the station's session programmes, month files, loa kéo USB bundles, reports."""

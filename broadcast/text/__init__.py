"""Pure str -> str text processing: wrapping, normalisation, lexicon."""

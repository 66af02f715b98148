"""ffmpeg/pydub wrappers: loudness measurement, jingles, mastering, encoding, tags."""

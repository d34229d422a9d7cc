"""The command line: ``annotator <command>``; each command lives in its own module."""
